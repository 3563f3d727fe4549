"""The personas of the shared `world` (tests/world.py) and who is who for its objects — one definition
for the page, API and access tests (DESIGN §2 and §6).

For an action the provincial office issued to `world.agency`, and a committee of that office on which
the agency sits: who reads it, who is a stranger to it, who manages, verifies and reports.
"""

# Signed-in personas of the eager part of `world` (placed in conftest's original small province).
BASE_PERSONAS = [
    "office_staff",  # expert of the provincial office (secretariat)
    "office_head",  # DG of the office
    "governor",
    "county_deputy",
    "liaison",  # of `agency`
    "agency_head",
    "other_liaison",  # of `other_agency`
    "inspector",
    "national",
    "national_admin",  # head of the national organization: manages nationwide rules (issue 14)
    "foreign_staff",  # office staff of another province
    "nobody",  # signed in, no membership
]
# Signed-in personas built on demand with the facilitation office (`world.users["facilitator"]` …).
OFFICE_PERSONAS = [
    "facilitator",  # of `world.facilitation_office`
    "other_facilitator",  # of `world.other_facilitation_office`
    "ngo",  # representative of `world.ngo`, the office's operator
]
SIGNED_IN = BASE_PERSONAS + OFFICE_PERSONAS
# Without an account: nobody at all, and a citizen who looked their demand up with its tracking code
# and the last four digits of the mobile (the public status pages remember it in the session).
PUBLIC_PERSONAS = ["anonymous", "citizen"]
ALL_PERSONAS = PUBLIC_PERSONAS + SIGNED_IN

ACTION_READERS = [
    "office_staff",
    "office_head",
    "governor",
    "liaison",
    "agency_head",
    "inspector",
    "national",
    "national_admin",
]
ACTION_STRANGERS = ["county_deputy", "other_liaison", "foreign_staff", "nobody"]
COMMITTEE_READERS = ACTION_READERS
COMMITTEE_STRANGERS = ACTION_STRANGERS
COMMITTEE_MANAGERS = ["office_staff", "office_head", "governor"]
VERIFIERS = ["office_staff", "office_head", "governor"]
REPORTERS = ["liaison", "agency_head"]
