"""Synthetic news corpora with a planted derivation graph, for benchmarks.

    python bench/generate.py 1000 --seed 1 --out /tmp/corpus     # articles.jsonl + truth.jsonl

or from Python:

    from generate import generate
    corpus = generate(1000, seed=1)      # corpus.articles, corpus.edges, corpus.family, ...

Deterministic from the seed. A corpus is made of story families: an original wire story
(8-20 sentences from varied templates filled with random names, places, numbers and quotes,
so two stories share only common English and topic words) and derived versions of it:

- ``verbatim``   the body copied as is, under another outlet's footer;
- ``trimmed``    the first 45-80% of the sentences (tail cut);
- ``house``      edited into house style: British spelling, single quotes, a few word
                 substitutions and the outlet's own lede sentence;
- ``rewritten``  sentence by sentence: synonym swaps and clause reordering, names and
                 numbers kept;
- ``excerpt``    3-5 consecutive sentences inside a longer article of the outlet's own;
- ``digest``     3 sentences from each of 3 stories (three planted edges, one per source);
- ``chain``      a trimmed copy of a house-edited copy (the planted source is the copy);
- ``update``     v2 of a story by the same wire: v1 plus more sentences (edge v1 -> v2).

Plus independent articles on the same topics (same topic vocabulary, some names shared with
stories of that topic, different sentences) and boilerplate lines printed under every
article of an outlet ("Follow Daily Bugle on social media for more news.", "© 2025 Daily
Bugle", and an outlet tagline).

Every derived article is published after its source(s). Truth is a set of directed edges
(source id, derived id); every other pair is unrelated or siblings (labelled none).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from provenance.ingest import article_id
from provenance.model import Article

# --- vocabulary ---------------------------------------------------------------------------

FIRST = """James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara
Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony Betty
Mark Sandra Donald Ashley Steven Kimberly Andrew Emily Paul Donna Joshua Michelle Kenneth Carol
Kevin Amanda Brian Melissa George Deborah Timothy Stephanie Ronald Rebecca Jason Laura Edward
Sharon Jeffrey Cynthia Ryan Kathleen Jacob Amy Gary Angela Nicholas Shirley Eric Anna Jonathan
Brenda Stephen Pamela Larry Emma Justin Nicole Scott Helen Brandon Samantha Benjamin Katherine
Samuel Christine Gregory Debra Alexander Rachel Patrick Carolyn Frank Janet Raymond Maria Jack
Olivia Dennis Heather Jerry Diane Tyler Julie Aaron Joyce Jose Victoria Adam Kelly Nathan Ruth
Henry Lauren Zachary Evelyn Douglas Judith Peter Megan Kyle Andrea Noah Cheryl Ethan Hannah
Jeremy Jacqueline Walter Martha Christian Gloria Keith Teresa Roger Ann Terry Sara Austin Madison
Sean Frances Gerald Kathryn Carl Janice Harold Jean Dylan Abigail Arthur Alice Lawrence Judy
Jordan Sophia Jesse Grace Bryan Denise Billy Amber Bruce Doris Gabriel Marilyn Joe Danielle
Logan Beverly Alan Isabella Juan Theresa Albert Diana Willie Natalie Elijah Brittany Wayne
Charlotte Randy Marie Vincent Kayla Mason Alexis Roy Lori Ravi Priya Arjun Ananya Mehmet Ayse
Yusuf Fatma Kenji Yuki Hiroshi Aiko Chen Mei Wei Ling Olga Dmitri Ivan Elena Pierre Camille Lukas
Sofia Mateo Lucia Diego Carmen Ahmed Layla Omar Nadia Kwame Amara Thabo Zanele Ingrid Lars""".split()

LAST = """Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez
Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris
Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill
Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans
Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez
Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks
Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers
Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson
Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds
Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens
Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells
Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon
Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd
Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens
Soto Weaver Ryan Gardner Payne Grant Dunn Kapoor Sharma Iyer Reddy Yilmaz Demir Kaya Sato Tanaka
Suzuki Wang Zhang Liu Ivanova Petrov Dubois Moreau Muller Schneider Rossi Bianchi Okafor Mensah
Dlamini Nkosi Larsen Johansson Novak Horvat Kowalski Nowak Popescu Papadopoulos Haddad Khalil""".split()

PLACES = """Springfield Riverton Fairview Lakeside Greenville Bristol Clinton Madison Georgetown
Salem Franklin Arlington Ashland Dover Oxford Burlington Manchester Milton Newport Centerville
Kingston Marion Auburn Dayton Jackson Lexington Winchester Hudson Chester Cleveland Clayton
Lancaster Hamilton Jamestown Mount\xa0Vernon Oakland Princeton Richmond Shelby Troy Union Warren
Ankara Izmir Bursa Pune Nagpur Surat Osaka Sendai Nagoya Lyon Lille Nantes Porto Braga Leipzig
Bremen Graz Malmo Bergen Turku Gdansk Brno Cluj Varna Patras Mombasa Kumasi Durban Rosario Cusco
Medellin Recife Curitiba Perth Hobart Dunedin Halifax Regina Tucson Boise Fresno Omaha Tulsa
Wichita Spokane Toledo Akron Reno Eugene Savannah Tacoma Ogden Duluth Fargo Billings Laredo""".replace(
    "\xa0", " "
).split()

DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October November".split()

TOPICS: dict[str, dict[str, list[str]]] = {
    "economy": {
        "org": [
            "central bank",
            "finance ministry",
            "statistics office",
            "chamber of commerce",
            "trade council",
            "treasury",
            "labor board",
            "planning commission",
        ],
        "thing": [
            "inflation",
            "interest rates",
            "the budget deficit",
            "exports",
            "wages",
            "consumer prices",
            "the jobs market",
            "public debt",
            "the currency",
            "tariffs",
        ],
        "act": [
            "raised",
            "cut",
            "revised",
            "froze",
            "reviewed",
            "announced",
            "defended",
            "criticized",
        ],
        "unit": ["percent", "billion dollars", "million dollars", "basis points"],
        "role": ["economist", "minister", "governor", "analyst", "trader", "banker"],
        "event": [
            "policy meeting",
            "budget review",
            "trade talks",
            "quarterly report",
            "investor briefing",
            "annual forecast",
        ],
    },
    "health": {
        "org": [
            "health ministry",
            "hospital board",
            "medical association",
            "disease control center",
            "nursing union",
            "drug regulator",
            "public health agency",
            "research institute",
        ],
        "thing": [
            "vaccination rates",
            "waiting lists",
            "hospital admissions",
            "the outbreak",
            "drug prices",
            "staff shortages",
            "the new clinic",
            "emergency care",
            "screening",
        ],
        "act": [
            "expanded",
            "suspended",
            "approved",
            "funded",
            "reorganized",
            "monitored",
            "warned about",
            "analyzed",
        ],
        "unit": ["cases", "patients", "percent", "beds", "doses"],
        "role": ["doctor", "nurse", "epidemiologist", "surgeon", "researcher", "health official"],
        "event": [
            "clinical trial",
            "vaccination drive",
            "inspection",
            "emergency meeting",
            "public hearing",
            "annual review",
        ],
    },
    "politics": {
        "org": [
            "city council",
            "parliament",
            "election commission",
            "opposition party",
            "governing coalition",
            "senate committee",
            "supreme court",
            "regional assembly",
        ],
        "thing": [
            "the reform bill",
            "the election law",
            "the coalition deal",
            "voter turnout",
            "the new constitution",
            "campaign funding",
            "the tax plan",
            "the recount",
        ],
        "act": [
            "passed",
            "blocked",
            "debated",
            "amended",
            "rejected",
            "endorsed",
            "delayed",
            "challenged",
        ],
        "unit": ["votes", "seats", "percent", "members", "districts"],
        "role": ["lawmaker", "senator", "mayor", "spokesperson", "party leader", "candidate"],
        "event": [
            "late-night session",
            "confidence vote",
            "press conference",
            "rally",
            "committee hearing",
            "party congress",
        ],
    },
    "weather": {
        "org": [
            "weather service",
            "civil defense agency",
            "fire department",
            "flood authority",
            "meteorological office",
            "emergency services",
            "coast guard",
            "road agency",
        ],
        "thing": [
            "the storm",
            "heavy rain",
            "the heatwave",
            "flooding",
            "wildfires",
            "snowfall",
            "power cuts",
            "landslides",
            "the drought",
            "high winds",
        ],
        "act": [
            "evacuated",
            "closed",
            "warned",
            "cleared",
            "reopened",
            "inspected",
            "mobilized",
            "organized",
        ],
        "unit": ["millimeters", "homes", "residents", "kilometers", "degrees"],
        "role": ["forecaster", "firefighter", "rescuer", "resident", "farmer", "official"],
        "event": [
            "red alert",
            "evacuation order",
            "relief operation",
            "cleanup effort",
            "damage survey",
            "emergency briefing",
        ],
    },
    "sport": {
        "org": [
            "football federation",
            "olympic committee",
            "league",
            "club board",
            "athletics union",
            "cricket board",
            "anti-doping agency",
            "players union",
        ],
        "thing": [
            "the championship",
            "the transfer",
            "the final",
            "the new stadium",
            "ticket prices",
            "the season opener",
            "the doping case",
            "the coaching job",
        ],
        "act": [
            "won",
            "lost",
            "signed",
            "suspended",
            "appealed",
            "organized",
            "postponed",
            "defended",
        ],
        "unit": ["points", "goals", "fans", "million euros", "matches"],
        "role": ["coach", "striker", "captain", "referee", "manager", "goalkeeper"],
        "event": [
            "home match",
            "semifinal",
            "training camp",
            "press briefing",
            "disciplinary hearing",
            "derby",
        ],
    },
    "technology": {
        "org": [
            "telecom regulator",
            "startup",
            "chipmaker",
            "software company",
            "data protection authority",
            "tech ministry",
            "cybersecurity center",
            "university lab",
        ],
        "thing": [
            "the data breach",
            "the new phone",
            "broadband coverage",
            "the chip plant",
            "artificial intelligence rules",
            "the outage",
            "cloud prices",
            "the app update",
        ],
        "act": [
            "launched",
            "fined",
            "acquired",
            "investigated",
            "patched",
            "unveiled",
            "licensed",
            "recalled",
        ],
        "unit": ["users", "million dollars", "percent", "devices", "servers"],
        "role": [
            "engineer",
            "chief executive",
            "developer",
            "security researcher",
            "founder",
            "regulator",
        ],
        "event": [
            "product launch",
            "security audit",
            "earnings call",
            "developer conference",
            "public consultation",
            "antitrust hearing",
        ],
    },
}

# templates: {P}=person name, {P2}=second person, {R}=role, {O}=org, {T}=thing, {A}=act,
# {N}=number, {U}=unit, {L}=place, {D}=day, {E}=event, {M}=month, {Q}=quote
TEMPLATES = [
    "The {O} {A} {T} on {D}, officials in {L} said.",
    "{P}, a {R} in {L}, said the decision followed months of pressure over {T}.",
    "According to the {O}, {N} {U} were affected in {L} alone.",
    '"{Q}," {P} told reporters after the {E}.',
    "The figures released on {D} show {T} at {N} {U}, up from {N2} {U} a year earlier.",
    "{P2}, who leads the {O} in {L}, described the move as {ADJ}.",
    "Critics said the {O} had {A} {T} without consulting the public.",
    "The {E} in {L} drew around {N} people, organizers said.",
    '"{Q}, and we will not stop until it is done," said {P2}.',
    "In {M}, the {O} had {A} {T} after a review found {N} {U} missing.",
    "{P} said the {O} expected {T} to change by the end of {M}.",
    "Officials in {L} have not said when the {E} will resume.",
    "The {O} said it would publish a full report on {T} within {N3} weeks.",
    "Residents of {L} told local media they had waited {N3} days for an answer.",
    "Speaking at the {E}, {P2} said {T} remained the main concern for the {O}.",
    "A spokesperson for the {O} declined to comment on the claims made by {P}.",
    "{P} warned that {T} could cost the region {N} {U} if nothing was done.",
    "The plan, first announced in {M}, was {A} by the {O} on {D}.",
    "Earlier this year, {P2} had {A} {T} in a letter to the {O}.",
    '"{Q}," the {R} added, pointing to the {E} in {L}.',
    "Data from the {O} suggest that {T} rose by {N3} percent in {L} since {M}.",
    "{P2} is expected to meet the {O} again next {D} to discuss {T}.",
    "The {O} in {L} {A} {T} in a statement issued late on {D}.",
    "Local businesses in {L} said the {E} had been {ADJ} for them.",
    "{P}, {N3}, has worked as a {R} in {L} for more than a decade.",
    "It was the {ORD} time this year that the {O} had {A} {T}.",
    "Neither {P} nor {P2} responded to requests for comment on {D}.",
    "The {E} was attended by representatives of the {O} and {N3} other groups.",
]
ADJ = [
    "unprecedented",
    "overdue",
    "reckless",
    "necessary",
    "disappointing",
    "a turning point",
    "premature",
    "long awaited",
    "deeply worrying",
    "a step forward",
    "costly",
    "symbolic",
]
ORD = ["second", "third", "fourth", "fifth", "sixth"]
QUOTE_A = [
    "We have done everything we can",
    "This is a serious moment for {L}",
    "Nobody expected the numbers to move this fast",
    "We owe people an honest answer",
    "The {O} has failed the people of {L}",
    "Our priority is the safety of every family",
    "This decision will be judged in {M}",
    "We were not told about {T} until last week",
    "There is no quick fix for {T}",
    "I have never seen anything like this in {L}",
    "The {E} showed what is possible",
    "We need {N3} more months to get this right",
]
QUOTE_B = [
    "",
    " and we will keep working",
    " and the numbers prove it",
    " despite the criticism",
    " whatever happens next",
    " and that is the truth",
    " for the sake of {L}",
]

# independent sentences: same topic words, different sentence frames
INDEPENDENT = [
    "Our reporter in {L} visited the {O} this week to ask about {T}.",
    "For many families in {L}, {T} has become a daily worry.",
    "The debate over {T} is not new, {P} said in an interview.",
    "Analysts we spoke to were divided on whether the {O} can deliver.",
    "Here is what the {E} means for people living near {L}.",
    "{P}, a {R}, said she had followed {T} closely since {M}.",
    "The {O} has faced questions about {T} for years.",
    "At a cafe in {L}, opinions on the {E} were mixed.",
    "History suggests that {T} rarely changes quickly, {P} argued.",
    "What happens next depends largely on the {O}, observers say.",
    "We asked {N3} residents of {L} what they thought of the {E}.",
    "One {R} described the mood in {L} as {ADJ}.",
]

LEDES = [
    "{L} woke up to a major development on {T} this week.",
    "Here is the latest on {T} from {L}.",
    "A decision on {T} in {L} has sparked debate across the region.",
    "Big news for {L}: the {O} has moved on {T}.",
]

BRITISH = {
    "organizers": "organisers",
    "organized": "organised",
    "criticized": "criticised",
    "reorganized": "reorganised",
    "mobilized": "mobilised",
    "analyzed": "analysed",
    "center": "centre",
    "labor": "labour",
    "defense": "defence",
    "kilometers": "kilometres",
    "millimeters": "millimetres",
    "meters": "metres",
    "percent": "per cent",
}
SUBSTITUTE = {
    " told reporters": " told journalists",
    "officials": "authorities",
    "declined to comment": "would not comment",
    "around": "about",
    "more than": "over",
    "Earlier this year": "Earlier in the year",
}
SYNONYMS = {
    "said": "stated",
    "officials": "authorities",
    "decision": "ruling",
    "followed": "came after",
    "months": "many months",
    "pressure": "criticism",
    "affected": "hit",
    "alone": "by itself",
    "reporters": "journalists",
    "released": "published",
    "show": "indicate",
    "described": "called",
    "move": "step",
    "consulting": "asking",
    "public": "citizens",
    "drew": "attracted",
    "people": "participants",
    "organizers": "the organisers",
    "review": "an inquiry",
    "missing": "unaccounted for",
    "expected": "anticipated",
    "change": "shift",
    "end": "close",
    "resume": "restart",
    "publish": "release",
    "full": "complete",
    "report": "assessment",
    "residents": "locals",
    "waited": "been waiting",
    "answer": "response",
    "main": "chief",
    "concern": "worry",
    "spokesperson": "representative",
    "declined": "refused",
    "comment": "respond",
    "claims": "allegations",
    "warned": "cautioned",
    "cost": "set back",
    "region": "area",
    "nothing": "no action",
    "plan": "proposal",
    "announced": "unveiled",
    "letter": "written note",
    "added": "went on",
    "pointing": "referring",
    "rose": "increased",
    "meet": "sit down with",
    "discuss": "talk about",
    "statement": "written statement",
    "issued": "put out",
    "businesses": "shops",
    "worked": "served",
    "decade": "ten years",
    "time": "occasion",
    "responded": "replied",
    "requests": "calls",
    "attended": "joined",
    "representatives": "delegates",
    "groups": "organisations",
    "criticism": "objections",
    "priority": "first concern",
    "safety": "security",
    "honest": "truthful",
    "serious": "grave",
    "judged": "assessed",
    "quick": "easy",
    "failed": "let down",
}

WIRES = ["Global Wire", "Press Union", "Continental News Agency"]
OUTLETS = [
    "Daily Bugle",
    "Morning Ledger",
    "Evening Courier",
    "Metro Tribune",
    "Valley Herald",
    "Harbour Times",
    "Northern Star",
    "Capital Gazette",
    "Coastal Post",
    "Union Chronicle",
    "Lakeside Observer",
    "Prairie Sentinel",
    "Highland Journal",
    "City Express",
    "Bay Examiner",
    "River Dispatch",
    "Summit Register",
    "Frontier Voice",
    "Midland Reporter",
    "Atlantic Record",
    "Pacific Bulletin",
    "Central Mirror",
    "Eastern Beacon",
    "Western Monitor",
    "Southern Clarion",
    "Old Town Review",
    "Hillside Press",
    "Metro Daily",
    "County Standard",
    "Island Echo",
]
HOUSE = {"Harbour Times", "Northern Star", "Capital Gazette", "Island Echo", "County Standard"}
TAGLINES = [
    "{o} is an independent newsroom serving readers since 1998.",
    "{o} brings you the stories that matter, every day.",
    "Stories from {o} are checked by our editors before publication.",
    "{o}: trusted local reporting, seven days a week.",
]


@dataclass
class Corpus:
    articles: list[Article]
    edges: set[tuple[str, str]]  # (source id, derived id)
    family: dict[str, int]  # article id -> family number (-1 for independent)
    kind: dict[str, str]  # article id -> original/verbatim/trimmed/.../independent
    multi: set[str] = field(default_factory=set)  # ids of articles with several sources

    def write(self, folder: Path) -> None:
        """articles.jsonl + truth.jsonl (planted edges, a->b) in the repo's truth format."""
        folder.mkdir(parents=True, exist_ok=True)
        names = {a.id: a.name for a in self.articles}
        with (folder / "articles.jsonl").open("w") as f:
            for a in self.articles:
                f.write(
                    json.dumps(
                        {
                            "id": a.name,
                            "text": a.text,
                            "outlet": a.outlet,
                            "title": a.title,
                            "published": a.published,
                        }
                    )
                    + "\n"
                )
        with (folder / "truth.jsonl").open("w") as f:
            for s, d in sorted(self.edges):
                manner = {
                    "verbatim": "verbatim",
                    "trimmed": "verbatim",
                    "house": "edited",
                    "chain": "edited",
                    "rewritten": "rewritten",
                    "update": "verbatim",
                    "excerpt": "verbatim",
                    "digest": "verbatim",
                }[self.kind[d]]
                extent = (
                    "wholly"
                    if self.kind[d] in {"verbatim", "trimmed", "house", "rewritten", "chain"}
                    else "partially"
                )
                f.write(
                    json.dumps(
                        {
                            "a": names[s],
                            "b": names[d],
                            "relation": "a->b",
                            "manner": manner,
                            "extent": extent,
                        }
                    )
                    + "\n"
                )


class _Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.articles: list[Article] = []
        self.edges: set[tuple[str, str]] = set()
        self.family: dict[str, int] = {}
        self.kind: dict[str, str] = {}
        self.multi: set[str] = set()
        self.clock = datetime(2025, 3, 1, 6, 0)
        self.topic_names: dict[str, list[str]] = {t: [] for t in TOPICS}

    # --- pieces ---------------------------------------------------------------------------
    def name(self) -> str:
        return f"{self.r.choice(FIRST)} {self.r.choice(LAST)}"

    def slots(self, topic: str, people: list[str]) -> dict[str, str]:
        r, v = self.r, TOPICS[topic]
        return {
            "P": r.choice(people),
            "P2": r.choice(people),
            "R": r.choice(v["role"]),
            "O": r.choice(v["org"]),
            "T": r.choice(v["thing"]),
            "A": r.choice(v["act"]),
            "N": f"{r.randint(2, 9999):,}",
            "N2": f"{r.randint(2, 9999):,}",
            "N3": str(r.randint(2, 60)),
            "U": r.choice(v["unit"]),
            "L": r.choice(PLACES),
            "D": r.choice(DAYS),
            "E": r.choice(v["event"]),
            "M": r.choice(MONTHS),
            "ADJ": r.choice(ADJ),
            "ORD": r.choice(ORD),
        }

    def fill(self, template: str, topic: str, people: list[str], place: str) -> str:
        s = self.slots(topic, people)
        if self.r.random() < 0.6:
            s["L"] = place  # a story happens mostly in one place
        s["Q"] = (self.r.choice(QUOTE_A) + self.r.choice(QUOTE_B)).format(**s)
        text = template.format(**s)
        return text[0].upper() + text[1:]

    def story(self, topic: str, n: int) -> tuple[list[str], list[str], str]:
        people = [self.name() for _ in range(self.r.randint(2, 4))]
        if self.topic_names[topic] and self.r.random() < 0.5:
            people.append(self.r.choice(self.topic_names[topic]))  # a well-known name
        self.topic_names[topic].extend(people[:1])
        self.topic_names[topic] = self.topic_names[topic][-50:]
        place = self.r.choice(PLACES)
        templates = self.r.sample(TEMPLATES, min(n, len(TEMPLATES)))
        while len(templates) < n:
            templates.append(self.r.choice(TEMPLATES))
        return [self.fill(t, topic, people, place) for t in templates], people, place

    def independent_sentences(self, topic: str, n: int) -> list[str]:
        people = [self.name() for _ in range(2)]
        if self.topic_names[topic]:
            people.append(self.r.choice(self.topic_names[topic]))
        place = self.r.choice(PLACES)
        pool = INDEPENDENT + self.r.sample(TEMPLATES, 4)  # same topic, some shared frames
        return [self.fill(self.r.choice(pool), topic, people, place) for _ in range(n)]

    def tick(self, minutes: int = 37) -> str:
        self.clock += timedelta(minutes=self.r.randint(5, minutes))
        return self.clock.isoformat(timespec="minutes")

    def emit(
        self,
        outlet: str,
        title: str,
        body: list[str],
        fam: int,
        kind: str,
        sources: list[str],
        when: str | None = None,
    ) -> str:
        tagline = TAGLINES[sum(map(ord, outlet)) % len(TAGLINES)].format(o=outlet)
        paragraphs = [" ".join(body[i : i + 2]) for i in range(0, len(body), 2)]
        footer = [f"Follow {outlet} on social media for more news.", tagline, f"© 2025 {outlet}"]
        text = "\n\n".join([title, *paragraphs, *footer]) + "\n"
        aid = article_id(text)
        if aid in self.family:  # identical text already emitted (vanishingly rare)
            return aid
        n = len(self.articles)
        self.articles.append(
            Article(
                id=aid,
                name=f"{n:06d}-{kind}",
                text=text,
                outlet=outlet,
                title=title,
                published=when or self.tick(),
                date_precision="minute",
            )
        )
        self.family[aid] = fam
        self.kind[aid] = kind
        for s in sources:
            self.edges.add((s, aid))
        if len(sources) > 1:
            self.multi.add(aid)
        return aid

    # --- transformations ------------------------------------------------------------------
    def house(self, body: list[str], topic: str, place: str, outlet: str) -> list[str]:
        out = []
        for s in body:
            for us, gb in BRITISH.items():
                s = re.sub(rf"\b{us}\b", gb, s)
            for a, b in SUBSTITUTE.items():
                s = s.replace(a, b)
            s = s.replace('"', "'")
            out.append(s)
        lede = self.r.choice(LEDES).format(
            L=place, T=self.r.choice(TOPICS[topic]["thing"]), O=self.r.choice(TOPICS[topic]["org"])
        )
        return [lede, *out]

    def rewrite(self, sentence: str) -> str:
        words = sentence.split(" ")
        out = []
        for w in words:
            core = w.strip(".,\"'")
            if core in SYNONYMS and self.r.random() < 0.7:
                w = w.replace(core, SYNONYMS[core], 1)
            out.append(w)
        s = " ".join(out)
        # clause reordering: "X, Y said." -> "Y said that x."; "X on Day." -> "On Day, x."
        m = re.match(r"^(.*), ([^,]+ (?:said|stated|told [a-z]+|added|went on))\.$", s)
        if m and not s.startswith(('"', "'")):
            s = f"{m.group(2)[0].upper()}{m.group(2)[1:]} that {m.group(1)[0].lower()}{m.group(1)[1:]}."
        else:
            m = re.match(r"^(.*) (on|in|at|after) ([A-Z][\w ]+|the [\w -]+)\.$", s)
            if m and not s.startswith(('"', "'")) and len(m.group(1)) > 20:
                head = m.group(1)
                if head.split()[0] not in _PROPER:
                    head = head[0].lower() + head[1:]
                s = f"{m.group(2).capitalize()} {m.group(3)}, {head}."
        return s

    def headline(self, body: list[str]) -> str:
        words = re.sub(r"[\"'.,]", "", body[0]).split()
        return " ".join(words[: self.r.randint(6, 10)])

    # --- families -------------------------------------------------------------------------
    def family_of(self, fam: int, target: int, recent: list[tuple[str, list[str], str]]) -> None:
        r = self.r
        topic = r.choice(list(TOPICS))
        wire = r.choice(WIRES)
        body, people, place = self.story(topic, r.randint(8, 20))
        title = self.headline(body)
        outlets = r.sample(OUTLETS, len(OUTLETS))
        if r.random() < 0.15:  # successive updates: v1, then v2 = v1 + more
            cut = max(5, len(body) * 2 // 3)
            v1 = self.emit(wire, title, body[:cut], fam, "original", [])
            orig = self.emit(wire, title + " (updated)", body, fam, "update", [v1])
        else:
            orig = self.emit(wire, title, body, fam, "original", [])
        recent.append((orig, body, topic))
        n_derived = r.choice([1, 2, 3, 3, 4, 5, 6, 8])
        for k in range(n_derived):
            if len(self.articles) >= target:
                return
            outlet = outlets[k % len(outlets)]
            kind = r.choices(
                ["verbatim", "trimmed", "house", "rewritten", "excerpt", "chain", "digest"],
                weights=[3, 2, 2, 2, 2, 1, 1],
            )[0]
            if kind == "verbatim":
                self.emit(outlet, title, body, fam, kind, [orig])
            elif kind == "trimmed":
                keep = max(4, round(len(body) * r.uniform(0.45, 0.8)))
                self.emit(outlet, title, body[:keep], fam, kind, [orig])
            elif kind == "house":
                self.emit(outlet, title, self.house(body, topic, place, outlet), fam, kind, [orig])
            elif kind == "rewritten":
                self.emit(
                    outlet,
                    self.headline(body[1:]),
                    [self.rewrite(s) for s in body],
                    fam,
                    kind,
                    [orig],
                )
            elif kind == "excerpt":
                own = self.independent_sentences(topic, r.randint(8, 14))
                start = r.randint(0, max(0, len(body) - 5))
                piece = body[start : start + r.randint(3, 5)]
                at = r.randint(2, len(own) - 2)
                self.emit(
                    outlet, self.headline(own), own[:at] + piece + own[at:], fam, kind, [orig]
                )
            elif kind == "chain":
                edited = self.house(body, topic, place, outlet)
                mid = self.emit(outlet, title, edited, fam, "house", [orig])
                if len(self.articles) >= target:
                    return
                second = outlets[(k + n_derived) % len(outlets)]
                keep = max(5, round(len(edited) * r.uniform(0.6, 0.85)))
                self.emit(second, title, edited[:keep], fam, "chain", [mid])
            elif kind == "digest" and len(recent) >= 3:
                picks = [recent[-1]] + r.sample(recent[-30:-1], 2)
                text, sources = [], []
                for sid, sbody, _ in picks:
                    start = r.randint(0, max(0, len(sbody) - 3))
                    text += sbody[start : start + 3]
                    sources.append(sid)
                self.emit(
                    outlet,
                    f"Digest: {len(picks)} stories you need to know",
                    text,
                    fam,
                    "digest",
                    sources,
                )

    def independents(self, n: int) -> None:
        for _ in range(n):
            topic = self.r.choice(list(TOPICS))
            body = self.independent_sentences(topic, self.r.randint(6, 14))
            self.emit(self.r.choice(OUTLETS), self.headline(body), body, -1, "independent", [])


_PROPER = set(FIRST) | set(LAST) | set(PLACES) | {w for o in OUTLETS for w in o.split()}


def generate(n: int, *, seed: int = 1, independent_share: float = 0.2) -> Corpus:
    """A corpus of about ``n`` articles (exactly n unless texts collide) with planted edges."""
    g = _Gen(seed)
    n_indep = round(n * independent_share)
    recent: list[tuple[str, list[str], str]] = []
    fam = indep = 0
    # interleave independents with families so outlets and dates mix
    while len(g.articles) < n:
        if indep < n_indep * len(g.articles) / n:
            g.independents(1)
            indep += 1
        else:
            g.family_of(fam, n, recent)
            fam += 1
    arts = g.articles[:n]
    keep = {a.id for a in arts}
    edges = {(s, d) for s, d in g.edges if s in keep and d in keep}
    return Corpus(
        arts,
        edges,
        {k: v for k, v in g.family.items() if k in keep},
        {k: v for k, v in g.kind.items() if k in keep},
        g.multi & keep,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    corpus = generate(args.n, seed=args.seed)
    corpus.write(args.out)
    print(f"{len(corpus.articles)} articles, {len(corpus.edges)} planted edges -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
