"""The persona matrix for the `world` fixture, shared by the page and API permission tests.

For an action the provincial office issued to `world.agency`, and a committee of that office on which
the agency sits: who reads it, who is a stranger to it, who manages, verifies and reports.
"""

ACTION_READERS = [
    "office_staff",
    "office_head",
    "governor",
    "liaison",
    "agency_head",
    "inspector",
    "national",
]
ACTION_STRANGERS = ["county_deputy", "other_liaison", "foreign_staff", "nobody"]
COMMITTEE_READERS = ACTION_READERS
COMMITTEE_STRANGERS = ACTION_STRANGERS
COMMITTEE_MANAGERS = ["office_staff", "office_head", "governor"]
VERIFIERS = ["office_staff", "office_head", "governor"]
REPORTERS = ["liaison", "agency_head"]
