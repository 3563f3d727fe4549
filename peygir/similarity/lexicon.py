"""Words as the similarity engine compares them: what core.persian leaves apart and a reader joins.

core.persian folds letters, digits, ZWNJ, affixes and common colloquial spellings; it serves search
too, so it stays conservative. Here, where only two texts are compared with each other, a little more
is folded, always the same way on both sides:
- «آ» read as «ا» («اب» typed for «آب»); a colloquial plural «ا» dropped («سگا», «شبا»);
- everyday synonyms of demands and projects, to one word of their group (`SYNONYMS`);
- number words to digits («هفت» → 7), so «کوچه هفت» and «کوچه ۷» agree and «کوچه ۹» does not;
- light words (`LIGHT_WORDS`): the frame of nearly every demand or project, weighed less.
These lists are general Persian usage of the platform's domains, written once; they are not tuned
pair by pair on the labelled set.
"""

from __future__ import annotations

from functools import lru_cache

from peygir.core import persian

# Each line: one group; the first word stands for all. Broken plurals («مدارس», «محلات») are here too:
# the stemmer strips suffixes only.
SYNONYMS = """
چراغ روشنایی لامپ نور نورپردازی
پزشک دکتر
معلم دبیر آموزگار
زباله آشغال پسماند
متکدی متکدیان گدا گداها گدایی تکدی تکدیگری
پارک بوستان
مدرسه مدارس دبستان دبیرستان
بچه کودک کودکان فرزند
زن زنان خانم بانو بانوان
خانه منزل
تعطیل بسته
خودرو ماشین
سالمند پیرزن پیرمرد
اورژانس آمبولانس
غذا غذایی معیشتی خوراک
سبد بسته
مهدکودک مهد
معتاد معتادان اعتیاد
جوی جوب
سرقت دزدی
قطع قطعی
آسفالت روکش
شیفت نوبت
دعوا درگیری
مسجد مساجد
محله محلات
مکان اماکن
مرکز مراکز
منطقه مناطق
مشکل مشکلات
امکان امکانات
اداره ادارات
موسسه موسسات مؤسسه مؤسسات
خدمت خدمات
نامناسب بد بده
""".strip().splitlines()

NUMBER_WORDS = {
    "دو": "2",
    "سه": "3",
    "چهار": "4",
    "پنج": "5",
    "شش": "6",
    "شیش": "6",
    "هفت": "7",
    "هشت": "8",
    "یازده": "11",
    "دوازده": "12",
    "سیزده": "13",
    "چهارده": "14",
    "پانزده": "15",
    "پونزده": "15",
    "شانزده": "16",
    "شونزده": "16",
    "هفده": "17",
    "هجده": "18",
    "هیجده": "18",
    "نوزده": "19",
    "بیست": "20",
    "سی": "30",
    "چهل": "40",
    "پنجاه": "50",
    "صد": "100",
}

# The frame of nearly every demand or project: places in general, needs in general, the verbs of a
# title. Present in both texts, they say little about whether the two are the same.
LIGHT_WORDS = """
محله محل کوچه خیابان بلوار شهر شهرستان منطقه روستا شهرک استان اهالی مردم ساکنان خانوار خانوارها
درخواست مشکل لطفا پیگیری رسیدگی وضعیت نیاز لازم خیلی زیاد بسیار هیچ همه کسی جایی
دارد ندارد دارند ندارند داره نداره دارن ندارن نیست هستند شده شدن میشود نمیشود میشه نمیشه
میکند نمیکند میکنند نمیکنند کرده کنید باید میخواهیم میخوایم میخواهند
برگزاری اجرای اجرا راه اندازی ایجاد احداث ساخت تامین حمایت طرح برنامه همکاری مشارکت ویژه
تجهیز بهسازی ساماندهی توسعه
""".split()

# Words ending in «ا» that are not a colloquial plural.
_KEEP_FINAL_ALEF = """اینجا آنجا اونجا کجا هوا صدا غذا فضا دعوا ارتقا اجرا بنا آقا جدا چرا زیرا تنها آشنا سینما
    خدا دنیا رضا ابتدا انتها شفا بقا لقا عصا دوا""".split()


def _fold(word: str) -> str:
    return word.replace("آ", "ا")


_KEEP = frozenset(_fold(w) for w in _KEEP_FINAL_ALEF)


def _plain(word: str) -> str:
    """A stem, folded; a colloquial plural «ا» dropped where a word of 2+ letters stays."""
    word = _fold(word)
    if len(word) >= 3 and word.endswith("ا") and not word.endswith("ها") and word not in _KEEP:
        word = word[:-1]
    return word


def _key(word: str) -> str:
    """How a list word is looked up: through the same analysis as a text's words."""
    found = persian.stems(word) or [word]
    return _plain(found[0])


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], frozenset[str]]:
    synonyms: dict[str, str] = {}
    for line in SYNONYMS:
        group = line.split()
        head = _key(group[0])
        for word in group:
            synonyms[_key(word)] = head
            synonyms[_plain(word)] = head
    for word, digits in NUMBER_WORDS.items():
        synonyms[_plain(word)] = digits
    light = frozenset(synonyms.get(_key(w), _key(w)) for w in LIGHT_WORDS)
    return synonyms, light


def canonical(stem: str) -> str:
    synonyms, _light = _tables()
    plain = _plain(stem)
    return synonyms.get(plain, plain)


@lru_cache(maxsize=50_000)
def _canonical_word(word: str) -> str:
    return canonical(persian.stem(word))


@lru_cache(maxsize=8192)
def _canonical_text(text: str) -> tuple[str, ...]:
    # Cached by text: intake asks again at every keystroke, over the same open demands.
    return tuple(_canonical_word(w) for w in persian.words(text) if w not in persian.STOPWORDS)


def canonical_words(text: str | None) -> list[str]:
    """The text's stems (core.persian), folded for comparison."""
    return list(_canonical_text(text or ""))


def is_light(word: str) -> bool:
    return word in _tables()[1]


@lru_cache(maxsize=50_000)
def _word_grams(word: str, n: int) -> tuple[str, ...]:
    padded = f"_{word}_"
    return (padded,) if len(padded) <= n else tuple(padded[i : i + n] for i in range(len(padded) - n + 1))


@lru_cache(maxsize=100_000)
def word_dice(first: str, second: str, n: int = 3) -> float:
    """0..1: how much two words share of their padded character n-grams (Dice's coefficient)."""
    if first == second:
        return 1.0
    a, b = set(_word_grams(first, n)), set(_word_grams(second, n))
    return 2 * len(a & b) / (len(a) + len(b))


def weighted_grams(words: list[str], *, light: float, n: int = 3) -> dict[str, float]:
    """Padded character n-grams of the words. A word's weight is shared among its grams (by the square
    root of their count, so that a long word counts more than a short one but not in proportion); a
    gram keeps the largest share of the words it comes from."""
    grams: dict[str, float] = {}
    for word in words:
        pieces = _word_grams(word, n)
        share = (light if is_light(word) else 1.0) / len(pieces) ** 0.5
        for gram in pieces:
            if grams.get(gram, 0.0) < share:
                grams[gram] = share
    return grams
