"""Synthetic news corpora with a planted derivation graph, for benchmarks.

    python bench/generate.py 1000 --seed 1 --out /tmp/corpus     # articles.jsonl + truth.jsonl
    python bench/generate.py --agreement      # how often sibling rewrites pick the same word

or from Python:

    from generate import generate
    corpus = generate(1000, seed=1)      # corpus.articles, corpus.edges, corpus.family, ...

Deterministic from the seed. The text has to look like news to a text-reuse engine: two
unrelated stories share common English and some topic words, but practically never a whole
sentence or a run of rare words. A few fixed templates cannot give that (two stories would
hold the same sentence with one slot changed), so the text is written from a vocabulary and
a grammar:

- **Vocabulary.** English function words (they live in the grammar), some 650 real news
  nouns, verbs and adjectives in synonym groups, and about 32,000 pronounceable pseudo-words
  built from syllables with the seed (nouns, verbs with their inflections, adjectives).
  Each part of speech is one ranked list, real words first, drawn with Zipf weights (rank
  ``k`` weighs ``1 / (k + 6) ** 1.2`` for nouns), so a few words are everywhere and most
  are rare; about two thirds of the content words are real. The real words include US
  spellings ("program", "center", "organized", "canceled", "labor") at their ordinary rank.
- **Topics** (fifteen: economy, health, crime, farming, ...): each boosts a few hundred
  words of its own (real terms such as "interest rate", then pseudo-words) and has its own
  organisations (eight real-sounding ones, the rest built: "Dravelo Holdings", "the Ministry
  of Agriculture", "the Kestan Water Authority"), roles and units. Stories of one topic
  share this vocabulary: they are the hard negatives.
- **Stories.** A story has a cast: people (first and last names, a few thousand surnames
  being pseudo-words; some people recur across stories of a topic), a place, organisations
  and key nouns it keeps returning to. Its sentences come from some thirty frames (actions,
  reported speech, quotes with their attribution, figures and changes, passives,
  subordinate clauses, openers such as "On Tuesday," or "Despite ..."), every slot filled
  from the cast, the topic or the whole vocabulary, so distinct sentences are unbounded.
  First mentions give the full name, later ones mostly the surname.

A corpus is made of story families: an original wire story (8-20 sentences) and derived
versions of it:

- ``verbatim``   the body copied as is, under another outlet's footer;
- ``trimmed``    the first 45-80% of the sentences (tail cut);
- ``house``      edited into the outlet's house style under a lede of the outlet's own (a
                 new first sentence about the story: two outlets' ledes share only the
                 story's names and words). Each outlet's style is fixed, from the seed and
                 its name: British spelling ("organised", "travelled"), its own quote
                 marks, or both; its own way with "percent"; and a handful of phrase habits
                 ("told journalists", "said Tuesday", "over 3,000", "US$4.5 million"),
                 applied outside quotes, so two outlets' copies differ beyond the lede;
- ``rewritten``  sentence by sentence, by a rewriter with habits of its own: it replaces
                 40-80% of the words that have synonyms (outside quotes), choosing
                 uniformly among the synonyms (groups of three or more where English has
                 them) and mostly keeping a choice once made, and moves clauses
                 (attribution, time phrase, cause, quote) at its own rate and by its own
                 taste. Names, numbers and quotes are kept; some 10-20% of the words change.
                 Two rewrites of one story pick the same synonym for a word both replaced
                 about as often as chance has it (``rewrite_agreement``: ~0.37, against
                 0.92 when every rewriter swapped 90% of words within synonym pairs);
- ``excerpt``    3-5 consecutive sentences inside a longer article of the outlet's own;
- ``digest``     3 sentences from each of 3 stories (three planted edges, one per source);
- ``chain``      a trimmed copy of a house-edited copy (the planted source is the copy),
                 which keeps the house copy's lede and at least two of the sentences its
                 desk changed where there are two, so it holds text only the copy has;
- ``update``     v2 of a story by the same wire: v1 with details changed (in the lede and
                 one or two more sentences a figure goes up, "on Tuesday" becomes "on
                 Tuesday night", a name gets its title) and more sentences, at the end and
                 sometimes one under the lede (edge v1 -> v2).

In a family with an update, each copy takes its text from v1 (and then comes out before
v2 does) or, more often, from v2; its planted source is the earliest version holding every sentence it
took: a copy of v2 that keeps only sentences v1 already had in the same words is, as text, a
copy of v1. A digest's pieces follow the same rule, each against its own story's versions.

Plus independent articles on the same topics (same topic vocabulary, some recurring names
of that topic, different sentences) and boilerplate lines printed under every article of
an outlet ("Follow Daily Bugle on social media for more news.", "© 2025 Daily Bugle", and
an outlet tagline).

Every derived article is published after its source(s). Truth is a set of directed edges
(source id, derived id); every other pair is unrelated or siblings (labelled none).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from bisect import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Generic, TypeVar

from provenance.ingest import article_id
from provenance.model import Article
from provenance.tokens import STOPWORDS

# --- names --------------------------------------------------------------------------------

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
MONTHS = (
    "January February March April May June July August September October November December".split()
)

# --- real English: synonym groups, in rough order of frequency -----------------------------
# "a/b/c" is one group of synonyms (a rewriter swaps within a group), groups are separated
# by commas. Most groups have three or more members, so that two rewriters who both replace
# a word seldom pick the same replacement. Nouns marked * are mass nouns (no plural). Verbs
# may be phrasal ("push back"); a phrase is never replaced, only written in.

NOUNS = """
plan/proposal/blueprint/roadmap, government/administration/executive/leadership, report/assessment/evaluation/appraisal,
decision/ruling/determination/judgment, company/firm/corporation/outfit, program/scheme/initiative,
country/nation/state, center/hub/focal point, price/cost/price tag, organization/body/entity,
resident/inhabitant/householder, worker/employee/staff member/laborer, leader/chief/boss/figurehead,
project/venture/undertaking, rule/regulation/provision/requirement, measure/step/action,
deal/agreement/accord/pact, budget/spending plan, issue/problem/matter,
official/authority/administrator/functionary, concern/worry/fear, crisis/emergency/predicament,
community/neighborhood/locality, area/region/district/zone, facility/installation/compound,
system/network/framework, policy/strategy/approach, meeting/session/gathering/conference,
hearing/inquiry/proceeding, investigation/probe/inquest, election/poll/race,
campaign/drive/push, support*/backing*/endorsement*/approval*, opposition*/resistance*/hostility*,
critic/opponent/detractor/skeptic, supporter/backer/advocate, member/delegate/participant,
lawmaker/legislator/parliamentarian, minister/secretary/cabinet official,
spokesperson/representative/press officer, analyst/expert/specialist/observer,
witness/bystander/onlooker, victim/casualty, court/tribunal,
lawyer/attorney/legal representative, figure/statistic/number, rate/level/pace,
stake/holding/position, growth*/expansion*/progress*, downturn/slump/slowdown,
shortage/lack/scarcity, risk/threat/danger/hazard, damage*/harm*/destruction*/devastation*,
impact/effect/consequence/repercussion, reform/shake-up/overhaul, warning/alert/notice,
statement/announcement/declaration/pronouncement, letter/memo/note, document/paper/filing, record/file/log,
data*, fund/reserve/pool, tax/levy/duty, fee/charge/surcharge, loan/credit/advance,
debt/liability/obligation, industry/sector/branch, market/marketplace,
business/enterprise/operation, factory/mill/workshop, job/post/opening,
labor*/manpower*/workforce*, defense*, security*, behavior*/conduct*, color/shade/hue,
harbor/port/dock, neighbor, favor, honor/distinction/accolade, theater/playhouse/auditorium,
license/permit/authorization, rumor/speculation/hearsay*, agency, council,
committee/panel/working group, union/guild/syndicate, group/collective/faction, board,
office/bureau, ministry, department/division/unit, service, institute/academy/college,
team/squad/crew, family/household/clan, child/youngster/kid, student/pupil/learner,
teacher/instructor/tutor/educator, patient, doctor/physician/clinician, road/street/avenue,
building/structure/edifice, site/location/venue/spot, village/hamlet/settlement,
city/metropolis/municipality, town/township/borough, school,
hospital/infirmary/medical center, event/occasion/function, incident/episode/occurrence,
case/instance/example, result/outcome/upshot, reason/cause/motive, goal/objective/aim,
effort/attempt/endeavor, idea/notion/concept, option/choice/alternative,
challenge/difficulty/hurdle, success/triumph/achievement, failure/breakdown/fiasco,
period/spell/stretch, decade, future, evidence*/proof*/testimony*,
information*/intelligence*/knowledge*, fact, view/opinion/stance, power*/influence*/clout*,
access*, land*, water*, energy*, food*, money*/cash*/capital*, infrastructure*,
target/benchmark/yardstick, standard/norm/guideline, contract, license fee,
partnership/alliance/collaboration, funding*/financing*/sponsorship*,
investor/shareholder/stakeholder, customer/client/buyer, owner/proprietor/holder, employer,
manager/supervisor/director, volunteer, expert panel, audit/inspection/examination,
survey/canvass/questionnaire, study/analysis/research*, vote/ballot,
protest/demonstration/rally, strike/walkout/stoppage, dispute/row/quarrel/feud,
scandal/affair/controversy, complaint/grievance/objection, request/appeal/petition,
offer/bid/tender, supply*, cost estimate, revenue*/income*, profit/gain/return,
loss/deficit/shortfall, share price, quarter, season, deadline/cutoff/time limit,
timetable/schedule/calendar, stage/phase/round, indication/hint/clue, trend/pattern/tendency,
question/query, answer/response/reply, claim/allegation/accusation, error/mistake/blunder,
delay/hold-up/setback, deadline extension, safety*, health*, pressure*/strain*/tension*,
demand for housing
"""

VERBS = """
approve/endorse/sanction/ratify, announce/unveil/make public/declare, launch/roll out/initiate/kick off,
raise/lift/increase/hike, cut/reduce/slash/pare back, review/examine/go over, criticize/condemn/denounce/slam,
reject/dismiss/rebuff/turn down, postpone/put off/defer, block/halt/stop/thwart, expand/extend/widen/broaden,
suspend/freeze/pause, investigate/look into/inquire into, propose/put forward/suggest/float,
finance/bankroll/underwrite, host/hold/convene, cancel/scrap/call off/axe,
organize/arrange/coordinate, build/construct/erect, sign/conclude/seal, win/secure/clinch,
lose/forfeit/surrender, seek/pursue/look for/aim for, call for/press for/urge,
confirm/verify/corroborate/affirm, deny/refute/rebut, publish/release/put out, receive/obtain/get/collect,
deliver/provide/furnish, introduce/bring in/implement, restore/revive/reinstate,
replace/substitute/supplant, improve/boost/strengthen/enhance, weaken/undermine/erode,
protect/safeguard/shield, prioritize/put first/focus on, recognize/acknowledge/concede,
authorize/allow/greenlight, mobilize/deploy/dispatch, analyze/scrutinize/dissect,
modernize/upgrade/renovate, finalize/complete/wrap up, emphasize/stress/underline,
contest/fight/battle, negotiate/broker/hammer out, monitor/track/watch, ban/prohibit/outlaw,
debate/discuss/talk over, adopt/embrace/take up, defend/justify/uphold,
tighten/toughen/harden, ease/relax/loosen, welcome/praise/applaud/hail, blame/fault,
inspect/check/vet, restrict/limit/curb, manage/oversee/supervise, hire/recruit/employ,
sell/offload/divest, buy/acquire/purchase, reveal/disclose/divulge/make known,
estimate/calculate/gauge, predict/forecast/anticipate, draft/prepare/draw up,
revise/amend/modify, cover/include/encompass, label/brand/designate,
model/simulate/replicate, fuel/feed/stoke, signal/indicate/hint at, travel to/visit/tour,
shut/close/close down, reopen, repair/fix/mend, test/trial/pilot, demand/insist on/require,
accept/take/agree to, consider/weigh/contemplate/mull, oppose/resist/object to,
lead/head/spearhead, run/operate/administer, set up/establish/create, pay/settle/pay off,
spend/invest/allocate, lower/trim/bring down, assess/evaluate/appraise,
update/refresh/bring up to date, tackle/address/confront, handle/deal with/cope with,
expose/uncover/bring to light, attack/assail/lambast, cite/quote/mention,
order/instruct/direct
"""

# things that rise and fall: "exports rose by 3.2 percent"
CHANGES = """
rise/climb/go up, fall/drop/dip, grow/swell/mount, slow/cool/slacken, jump/surge/soar,
recover/rebound/bounce back, stall/stagnate/level off, collapse/plunge/tumble,
edge up/creep up/inch up, soften/moderate/abate, decline/shrink/dwindle, double/treble/triple
"""

ADJECTIVES = """
new/fresh/novel/brand-new, major/significant/substantial/considerable, key/main/principal/primary, former/previous/prior/onetime,
recent/latest/newest/most recent, public, national, international/global/worldwide,
serious/grave/severe, strong/robust/solid/sturdy, high/elevated/heightened/lofty, early, late, final,
senior/top/leading/high-ranking, full/entire/whole, clear/obvious/evident/plain, current/present/existing/ongoing,
additional/extra/further/supplementary, difficult/tough/hard/challenging, possible/potential/prospective/likely,
effective/successful/productive/fruitful, controversial/disputed/contentious/divisive, independent,
unexpected/surprising/unforeseen, sharp/steep/marked, modest/slight/marginal,
temporary/interim/provisional, urgent/pressing/acute, rapid/swift/quick,
broad/sweeping/wide-ranging, gray, favorite/preferred, skeptical/doubtful/unconvinced,
annual/yearly, long-term/lasting/enduring, small/minor/little, large/huge/vast/sizeable,
political, economic, financial/fiscal/monetary, private, federal,
regional/provincial/territorial, rural, urban/metropolitan, critical/crucial/vital/essential,
widespread/extensive/pervasive, similar/comparable/analogous, local, fragile/weak/shaky,
ambitious/bold/daring, costly/expensive/pricey, cheap/inexpensive/affordable,
legal/lawful/legitimate, illegal/unlawful/illicit, secret/confidential/classified,
historic/landmark/momentous, familiar/well-known, rare/unusual/uncommon,
complex/complicated/intricate, basic/fundamental/elementary, safe,
dangerous/hazardous/risky, fair/equitable/just, quiet/calm/peaceful, busy/crowded/packed,
popular/well-liked/beloved, angry/furious/irate, cautious/careful/wary,
optimistic/hopeful/upbeat, armored, fierce/intense/heated, vague/unclear/imprecise,
detailed/thorough/comprehensive, brief/short/concise
"""

# US spellings the house style turns British: (US, UK) lemmas, inflected alike
BRITISH_NOUNS = """color colour, center centre, theater theatre, meter metre, kilometer kilometre,
millimeter millimetre, liter litre, fiber fibre, labor labour, behavior behaviour, harbor harbour,
neighbor neighbour, neighborhood neighbourhood, favor favour, honor honour, rumor rumour,
defense defence, offense offence, license licence, program programme, organization organisation,
fertilizer fertiliser, gray grey, skeptical sceptical, favorite favourite, armored armoured"""
BRITISH_VERBS = """organize organise, criticize criticise, prioritize prioritise,
recognize recognise, authorize authorise, mobilize mobilise, modernize modernise,
finalize finalise, emphasize emphasise, scrutinize scrutinise, analyze analyse,
apologize apologise, cancel cancel!, travel travel!, label label!, model model!, fuel fuel!,
signal signal!"""  # "!" doubles the final l: cancelled, travelling

IRREGULAR = {  # base: (past, participle)
    "cut": ("cut", "cut"),
    "build": ("built", "built"),
    "win": ("won", "won"),
    "lose": ("lost", "lost"),
    "seek": ("sought", "sought"),
    "freeze": ("froze", "frozen"),
    "bring": ("brought", "brought"),
    "put": ("put", "put"),
    "sell": ("sold", "sold"),
    "buy": ("bought", "bought"),
    "forecast": ("forecast", "forecast"),
    "rise": ("rose", "risen"),
    "fall": ("fell", "fallen"),
    "grow": ("grew", "grown"),
    "shrink": ("shrank", "shrunk"),
    "take": ("took", "taken"),
    "lead": ("led", "led"),
    "run": ("ran", "run"),
    "set": ("set", "set"),
    "pay": ("paid", "paid"),
    "spend": ("spent", "spent"),
    "shut": ("shut", "shut"),
    "feed": ("fed", "fed"),
    "deal": ("dealt", "dealt"),
    "meet": ("met", "met"),
    "hold": ("held", "held"),
    "draw": ("drew", "drawn"),
    "creep": ("crept", "crept"),
    "make": ("made", "made"),
    "get": ("got", "got"),
    "go": ("went", "gone"),
    "uphold": ("upheld", "upheld"),
    "underwrite": ("underwrote", "underwritten"),
    "oversee": ("oversaw", "overseen"),
    "swell": ("swelled", "swollen"),
    "single": ("singled", "singled"),
}
DOUBLING = frozenset(
    "plan ban stop drop scrap trim admit commit regret control bar put set cut run shut win wrap dip vet rebut defer get".split()
)
IRREGULAR_PLURAL = {
    "analysis": "analyses",
    "crisis": "crises",
    "child": "children",
    "thesis": "theses",
    "spokesperson": "spokespeople",
}

# --- topics -------------------------------------------------------------------------------
# nouns: the topic's own terms (boosted in its stories); fields: words its organisations are
# named after; orgs: a few real-sounding ones (the rest are built); roles; units (plural nouns
# that follow a count).

TOPICS: dict[str, dict[str, str]] = {
    "economy": {
        "nouns": "inflation*, interest rate, budget deficit, export, wage, consumer price, jobs market, public debt*, currency, tariff, bond yield, trade surplus, mortgage rate, retail sales*, growth forecast, pension fund, stock market, exchange rate, fiscal rule, tax revenue*, import, unemployment*, recession, productivity*, credit rating, investment, minimum wage, labor market, savings rate, trade deal",
        "fields": "Trade, Finance, Commerce, Labor, Revenue, Industry, Investment, Statistics, Economic Planning",
        "orgs": "the central bank, the finance ministry, the statistics office, the chamber of commerce, the trade council, the treasury, the labor board, the planning commission",
        "roles": "economist, finance minister, central bank governor, analyst, trader, banker, strategist, chief economist",
        "units": "jobs, firms, households, shares, contracts",
    },
    "health": {
        "nouns": "vaccination rate, waiting list, hospital admission, outbreak, drug price, staff shortage, clinic, emergency care*, screening, vaccine, infection, ward, surgery, prescription, health insurance*, ambulance, patient record, mental health service, cancer treatment*, health center, medical program, nursing home, blood supply*, dental care*, flu season",
        "fields": "Health, Medical, Hospital, Nursing, Pharmacy, Public Health, Disease Control, Care",
        "orgs": "the health ministry, the hospital board, the medical association, the disease control center, the nursing union, the drug regulator, the public health agency, the research institute",
        "roles": "doctor, nurse, epidemiologist, surgeon, researcher, health official, pharmacist, paramedic",
        "units": "cases, patients, beds, doses, deaths, hospitals",
    },
    "politics": {
        "nouns": "reform bill, election law, coalition deal, voter turnout*, constitution, campaign funding*, tax plan, recount, referendum, amendment, cabinet, parliamentary seat, polling station, veto, impeachment, caucus, manifesto, primary, defense policy, coalition partner, opinion poll, party leadership*, term limit, electoral roll",
        "fields": "Elections, Parliamentary Affairs, Justice, Interior, Public Administration, Constitutional Affairs",
        "orgs": "the city council, the national parliament, the election commission, the opposition party, the governing coalition, the senate committee, the supreme court, the regional assembly",
        "roles": "lawmaker, senator, mayor, spokesperson, party leader, candidate, campaign manager, pollster",
        "units": "votes, seats, members, districts, signatures, voters",
    },
    "weather": {
        "nouns": "storm, heavy rain*, heatwave, flooding*, wildfire, snowfall*, power cut, landslide, drought, high wind, hurricane, tornado, flood barrier, evacuation center, rainfall*, temperature, weather forecast, sandbag, river level, shelter, hailstorm, cold snap, storm surge, relief program",
        "fields": "Weather, Civil Defense, Flood Control, Emergency Management, Meteorology, Fire and Rescue",
        "orgs": "the weather service, the civil defense agency, the fire department, the flood authority, the meteorological office, the emergency services, the coast guard, the road agency",
        "roles": "forecaster, firefighter, rescuer, farmer, meteorologist, emergency official",
        "units": "millimeters, homes, residents, kilometers, degrees, hectares",
    },
    "sport": {
        "nouns": "championship, transfer, final, stadium, ticket price, season opener, doping case, coaching job, league title, penalty, injury, player contract, tournament, match, training center, youth program, trophy, relegation*, qualifier, fan zone, transfer fee, home game, world record, semifinal",
        "fields": "Football, Athletics, Olympic, Cricket, Cycling, Rugby, Sports",
        "orgs": "the football federation, the olympic committee, the league, the club board, the athletics union, the cricket board, the anti-doping agency, the players union",
        "roles": "coach, striker, captain, referee, club manager, goalkeeper, midfielder, athlete",
        "units": "points, goals, fans, matches, spectators",
    },
    "technology": {
        "nouns": "data breach, smartphone, broadband coverage*, chip plant, artificial intelligence rule, outage, cloud price, app update, software, server, encryption*, algorithm, data center, semiconductor, startup, platform, user account, password, satellite, mobile network, search engine, privacy setting",
        "fields": "Telecommunications, Data Protection, Cybersecurity, Digital Affairs, Technology, Innovation",
        "orgs": "the telecom regulator, the chipmaker, the software company, the data protection authority, the tech ministry, the cybersecurity center, the university lab, the startup incubator",
        "roles": "engineer, chief executive, developer, security researcher, founder, regulator, programmer",
        "units": "users, devices, servers, downloads, accounts",
    },
    "crime": {
        "nouns": "robbery, arrest, trial, verdict, prison sentence, suspect, police station, prison, gang, fraud*, burglary, court case, bail*, warrant, homicide, smuggling*, defense lawyer, probation*, jury, plea deal, police raid, cold case",
        "fields": "Justice, Prosecution, Police, Corrections, Anti-Corruption, Public Safety",
        "orgs": "the police department, the prosecutor's office, the district court, the appeals court, the prison service, the justice ministry, the anti-corruption bureau, the bar association",
        "roles": "detective, prosecutor, judge, defense attorney, police officer, inspector, juror",
        "units": "arrests, suspects, years, officers, charges",
    },
    "education": {
        "nouns": "teacher shortage, exam, curriculum, tuition fee, university, student loan, classroom, school meal, degree program, literacy rate, scholarship, campus, school bus, textbook, kindergarten, vocational training*, research grant, exam result, school year, reading program",
        "fields": "Education, Higher Education, Schools, Universities, Examinations, Vocational Training",
        "orgs": "the education ministry, the school board, the teachers union, the university council, the exam board, the student union, the academy trust, the accreditation agency",
        "roles": "teacher, principal, professor, student, education official, lecturer, school inspector",
        "units": "students, schools, teachers, classrooms, pupils",
    },
    "environment": {
        "nouns": "emission, pollution*, recycling*, national park, forest, coastline, carbon tax, wildlife*, river, plastic waste*, solar farm, wind turbine, conservation program, air quality*, protected area, species, logging*, climate target, wetland, green belt, reef, clean-up",
        "fields": "Environment, Conservation, Wildlife, Water, Forestry, Climate",
        "orgs": "the environment agency, the national park service, the climate council, the wildlife trust, the conservation society, the environmental protection agency, the water board, the forestry commission",
        "roles": "activist, scientist, ranger, conservationist, ecologist, environment minister",
        "units": "tonnes, hectares, species, trees, kilometers",
    },
    "transport": {
        "nouns": "rail line, bus route, fare, airport, highway, bridge, train, traffic*, toll, metro, ferry, timetable change, cycle lane, freight*, runway, parking fee, electric bus, train station, rail strike, ring road, speed limit",
        "fields": "Transport, Rail, Aviation, Highways, Ports, Transit",
        "orgs": "the transport ministry, the rail operator, the airport authority, the highway agency, the port authority, the transit union, the aviation regulator, the bus company",
        "roles": "driver, pilot, commuter, transport minister, conductor, air traffic controller",
        "units": "passengers, trains, flights, kilometers, vehicles",
    },
    "culture": {
        "nouns": "museum, exhibition, festival, concert, film, theater, gallery, novel, award, heritage site, archive, library, orchestra, album, premiere, cultural center, arts program, sculpture, manuscript, performance, art fair, book prize",
        "fields": "Arts, Culture, Heritage, Film, Music, Literature",
        "orgs": "the arts council, the national museum, the film institute, the culture ministry, the heritage foundation, the opera house, the book fair, the music academy",
        "roles": "artist, curator, film director, writer, musician, actor, composer",
        "units": "visitors, tickets, works, paintings, performances",
    },
    "energy": {
        "nouns": "power plant, electricity price, gas pipeline, oil field, power grid, nuclear reactor, coal mine, fuel tax, energy bill, wind farm, battery, refinery, gas supply*, energy subsidy, solar panel, blackout, heating cost, hydropower*, offshore platform, export terminal, fuel price",
        "fields": "Energy, Mining, Utilities, Nuclear Safety, Petroleum, Renewable Energy",
        "orgs": "the energy regulator, the grid operator, the oil company, the utilities commission, the nuclear agency, the energy ministry, the mining union, the power company",
        "roles": "engineer, energy minister, energy trader, plant operator, geologist, plant manager",
        "units": "megawatts, barrels, households, tonnes, homes",
    },
    "housing": {
        "nouns": "rent*, mortgage, housing estate, apartment, eviction, planning approval, landlord, tenant, home price, social housing*, construction site, property tax, homelessness*, housing program, zoning rule, rent control*, vacancy rate, renovation, tower block, building code",
        "fields": "Housing, Planning, Building Standards, Land, Urban Development, Tenancy",
        "orgs": "the housing ministry, the tenants union, the planning board, the building authority, the housing agency, the property developers association, the land registry, the mortgage lender",
        "roles": "landlord, tenant, property developer, architect, housing official, estate agent",
        "units": "homes, apartments, families, tenants, square meters",
    },
    "farming": {
        "nouns": "harvest, crop, farm subsidy, grain price, livestock*, fertilizer, irrigation*, dairy farm, pesticide, orchard, cattle*, wheat*, rice*, food price, export ban, seed, tractor, cooperative, farmland*, water quota, milk price, crop yield",
        "fields": "Agriculture, Food Safety, Rural Development, Fisheries, Livestock, Irrigation",
        "orgs": "the farmers union, the agriculture ministry, the grain board, the food safety agency, the dairy council, the rural development fund, the irrigation authority, the livestock association",
        "roles": "farmer, agronomist, veterinarian, grower, farm minister, cooperative leader",
        "units": "tonnes, hectares, farmers, bushels, animals",
    },
    "security": {
        "nouns": "troop, border, military exercise, drone, missile, ceasefire, defense budget, army base, navy ship, peace talks*, intelligence report, weapons program, cyberattack, militia, patrol, checkpoint, conscription*, armored vehicle, air defense system, refugee camp, arms deal",
        "fields": "Defense, Veterans Affairs, Border Security, Intelligence, Armed Forces, Civil Protection",
        "orgs": "the defense ministry, the armed forces, the border guard, the navy, the security council, the intelligence agency, the peacekeeping mission, the veterans association",
        "roles": "general, soldier, commander, defense minister, diplomat, envoy",
        "units": "troops, soldiers, drones, kilometers, refugees",
    },
}
ORG_SUFFIXES = "Holdings, Group, Industries, Partners, Systems, Capital, Labs, Foundation, Institute, Trust, Motors, Media, Logistics, Alliance, Network".split(
    ", "
)
ORG_BODIES = "Authority, Council, Board, Commission, Agency, Service, Office, Association, Union, Institute, Society, Trust, Fund".split(
    ", "
)
SURNAME_ENDINGS = (
    "",
    "",
    "",
    "son",
    "ov",
    "ez",
    "ski",
    "ani",
    "berg",
    "i",
    "a",
    "er",
    "ton",
    "ley",
    "sen",
    "escu",
    "oglu",
    "ic",
)
COMPANY_ENDINGS = ("", "", "a", "ex", "on", "ia", "ix", "co", "tek", "gen", "ova")
PLACE_ENDINGS = (
    "",
    "",
    "ton",
    "ville",
    "burg",
    "ford",
    "port",
    "field",
    "stad",
    "abad",
    "pur",
    "grad",
    "mouth",
    "dale",
    "wick",
    "holm",
    "bridge",
)
PLACE_FORMS = (
    "{}",
    "{}",
    "{}",
    "{}",
    "{}",
    "{}",
    "Port {}",
    "New {}",
    "{} Falls",
    "San {}",
    "East {}",
)

# pseudo-words: syllables (onset, nucleus, coda), then a suffix fitting the part of speech
ONSETS = "b c d f g h k l m n p r s t v w b d g k l m n p r s t br cr dr fl fr gr pl pr sh st th tr ch".split()
ONSETS += [""] * 4
INNER_ONSETS = "b d f g k l m n p r s t v z".split()
NUCLEI = "a e i o u a e i o a e ai ea ou".split()
CODAS = [""] * 4 + "n r l s t m nd nt rd rt st ck ld mp ng".split()
NOUN_ENDINGS = ("",) * 8 + (
    "ion",
    "ment",
    "ity",
    "ance",
    "er",
    "age",
    "ure",
    "ism",
    "ist",
    "ery",
    "ship",
    "ence",
)
VERB_ENDINGS = ("",) * 5 + ("ate", "ify", "ize", "ize", "en")
ADJ_ENDINGS = (
    "al",
    "ic",
    "ous",
    "ive",
    "ish",
    "ary",
    "ful",
    "less",
    "ent",
    "able",
    "ian",
    "y",
    "ed",
)

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
TAGLINES = [
    "{o} is an independent newsroom serving readers since 1998.",
    "{o} brings you the stories that matter, every day.",
    "Stories from {o} are checked by our editors before publication.",
    "{o}: trusted local reporting, seven days a week.",
]
DAY_NAMES = "|".join(DAYS)
# House habits: (pattern, the replacements an outlet may use). Each outlet takes a handful of
# them, with one replacement each, and applies them outside quotes on every story it edits.
HABITS: list[tuple[str, tuple[str, ...]]] = [
    (r"\btold reporters\b", ("told journalists", "told the press", "told a news conference")),
    (r"\bEarlier this year\b", ("Earlier in the year", "So far this year")),
    (r"\b[Mm]ore than (?=[\d$])", ("over ",)),
    (r"\b[Nn]early (?=[\d$])", ("almost ", "close to ")),
    (r"\b[Aa]bout (?=[\d$])", ("around ", "roughly ")),
    (r"\b[Aa]t least (?=[\d$])", ("no fewer than ", "a minimum of ")),
    (r" in an interview\b", (" in a recent interview", " in an interview this week")),
    (r"\bon social media\b", ("online", "in a social media post")),
    (r"\bin a statement\b", ("in a written statement", "in a press release")),
    (r"\bofficials in ([A-Z][\w-]*(?: [A-Z][\w-]*)*) said\b", (r"\1 officials said",)),
    (r"\ba spokesperson for\b", ("a spokesman for", "a representative of")),
    (r"\bdeclined to\b", ("would not", "refused to")),
    (rf"\bon (?=(?:{DAY_NAMES})\b)", ("",)),  # "said on Tuesday" -> "said Tuesday"
    (r"\$(\d[\d.]*) (million|billion)\b", (r"US$\1 \2", r"\1 \2 dollars")),
    (r"\b(\d[\d.]*) million euros\b", (r"€\1 million", r"€\1m")),
    (r"^(Meanwhile|Separately|For now|At the same time), ", ("In other developments, ", "")),
    (r"\bLast week, ", ("A week ago, ", "Over the past week, ")),
    (r"\bthe (\w+) said\b", (r"the \1 added", r"the \1 explained")),
]

# --- words: inflection, weighted draws, pseudo-words -----------------------------------------

Noun = tuple[str, str]  # singular, plural (the same for a mass noun)
Verb = tuple[str, str, str, str, str]  # base, third person, past, participle, -ing
T = TypeVar("T")


def groups(text: str) -> list[list[str]]:
    """Synonym groups of a word list: "a/b, c" -> [["a", "b"], ["c"]]."""
    return [[w.strip() for w in g.split("/")] for g in text.split(",") if g.strip()]


def plural(noun: str) -> str:
    head, space, last = noun.rpartition(" ")
    if last in IRREGULAR_PLURAL:
        last = IRREGULAR_PLURAL[last]
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        last += "es"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    else:
        last += "s"
    return head + space + last


def noun_forms(lemma: str) -> Noun:
    if lemma.endswith("*"):
        return lemma[:-1], lemma[:-1]
    return lemma, plural(lemma)


def verb_forms(lemma: str, *, double: bool = False) -> Verb:
    """Forms of a verb; a phrasal verb inflects its first word ("put off" -> "puts off")."""
    word, space, rest = lemma.partition(" ")
    tail = space + rest
    double = double or word in DOUBLING
    stem = word + word[-1] if double else word
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        third = word + "es"
    elif word.endswith("y") and word[-2] not in "aeiou":
        third = word[:-1] + "ies"
    else:
        third = word + "s"
    if word in IRREGULAR:
        past, part = IRREGULAR[word]
    elif word.endswith("e"):
        past = part = word + "d"
    elif word.endswith("y") and word[-2] not in "aeiou":
        past = part = word[:-1] + "ied"
    else:
        past = part = stem + "ed"
    ing = word[:-1] + "ing" if word.endswith("e") and not word.endswith("ee") else stem + "ing"
    return word + tail, third + tail, past + tail, part + tail, ing + tail


_IZE = re.compile(r"iz(?=e|es|ed|ing)$")


def article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def cap(text: str) -> str:
    return text[0].upper() + text[1:]


def title(name: str) -> str:
    """An organisation's name as printed: "the central bank" -> "the Central Bank"."""
    return " ".join(w if w in ("the", "of", "and") else cap(w) for w in name.split())


class Table(Generic[T]):
    """Items drawn with given weights: a binary search over cumulative weights."""

    __slots__ = ("cum", "hi", "items", "total")

    def __init__(self, items: Sequence[T], weights: Iterable[float]) -> None:
        self.items = list(items)
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1]
        self.hi = len(self.items) - 1

    @classmethod
    def zipf(cls, items: Sequence[T], *, s: float = 1.0, shift: float = 2.7) -> Table[T]:
        """Rank k (from 0) weighs 1 / (k + shift) ** s: Zipf's law with Mandelbrot's offset."""
        return cls(items, [1.0 / (k + shift) ** s for k in range(len(items))])

    def draw(self, rnd: Callable[[], float]) -> T:
        return self.items[bisect(self.cum, rnd() * self.total, 0, self.hi)]


def pseudo_stem(r: random.Random) -> str:
    """One to three syllables; clusters only at the start, codas mostly at the end."""
    rnd = r.random
    n = (1, 2, 2, 2, 3)[int(rnd() * 5)]
    out = []
    for k in range(n):
        onsets = INNER_ONSETS if k else ONSETS
        coda = CODAS[int(rnd() * len(CODAS))] if k == n - 1 or rnd() < 0.2 else ""
        out.append(onsets[int(rnd() * len(onsets))] + NUCLEI[int(rnd() * len(NUCLEI))] + coda)
    return "".join(out)


def attach(stem: str, ending: str) -> str:
    if ending and ending[0] in "aeiouy" and stem[-1] in "aeiouy" and len(stem) > 3:
        stem = stem[:-1]
    return stem + ending


# --- the lexicon: the words of one corpus, built from the seed --------------------------------


@dataclass
class Topic:
    name: str
    nouns: Table[Noun]
    verbs: Table[Verb]
    adjectives: Table[str]
    orgs: Table[str]
    roles: list[str]
    units: list[str]


class Lexicon:
    """Ranked, Zipf-weighted words (real ones first, then pseudo-words) and what rewrites them."""

    def __init__(self, r: random.Random) -> None:
        self.r = r
        self.taken: set[str] = set(STOPWORDS)
        nouns = [noun_forms(w) for g in groups(NOUNS) for w in g]
        verbs = [verb_forms(w) for g in groups(VERBS) for w in g]
        adjectives = [w for g in groups(ADJECTIVES) for w in g]
        self.synonyms = self.synonym_table()
        self.british = self.british_table()
        self.taken.update(w for forms in [*nouns, *verbs] for w in forms)
        self.taken.update(adjectives)
        self.pseudo_nouns = [noun_forms(self.fresh(NOUN_ENDINGS)) for _ in range(24000)]
        self.pseudo_verbs = [verb_forms(self.fresh(VERB_ENDINGS)) for _ in range(3000)]
        self.pseudo_adjectives = [self.fresh(ADJ_ENDINGS) for _ in range(5000)]
        self.nouns = Table.zipf(nouns + self.pseudo_nouns, s=1.2, shift=6)
        self.verbs = Table.zipf(verbs + self.pseudo_verbs, s=1.3, shift=6)
        self.adjectives = Table.zipf(adjectives + self.pseudo_adjectives, s=1.25, shift=6)
        self.changes = Table.zipf([verb_forms(w) for g in groups(CHANGES) for w in g])
        for forms in self.pseudo_verbs:  # pseudo -ize verbs are American too
            if forms[0].endswith("ize"):
                self.british.update((f, _IZE.sub("is", f)) for f in forms)
        self.surnames = [cap(self.fresh(SURNAME_ENDINGS, shortest=4)) for _ in range(4000)]
        self.last_names = Table.zipf(LAST + self.surnames, shift=60)
        self.places = Table.zipf(PLACES + [self.place_name() for _ in range(3000)], shift=20)
        self.proper = {
            w for name in [*FIRST, *LAST, *self.surnames, *self.places.items] for w in name.split()
        }
        self.proper.update(DAYS + MONTHS + ["I"])
        self.topics = {name: self.topic(name, spec) for name, spec in TOPICS.items()}

    def fresh(self, endings: Sequence[str], *, shortest: int = 3) -> str:
        """A pseudo-word not used yet: 3-10 letters, no real word of the lexicon."""
        while True:
            word = attach(pseudo_stem(self.r), self.r.choice(endings))
            if shortest <= len(word) <= 10 and word not in self.taken:
                self.taken.add(word)
                return word

    def place_name(self) -> str:
        name = cap(self.fresh(PLACE_ENDINGS, shortest=4))
        return self.r.choice(PLACE_FORMS).format(name)

    def synonym_table(self) -> dict[str, tuple[str, ...]]:
        """Every inflected form -> the same form of its synonyms.

        Left out: forms of two groups ("signs"), the topics' own one-word terms ("trial"),
        and verbs or adjectives that are also part of a noun ("fuel tax" keeps its "fuel").
        """
        inflected: list[list[tuple[str, ...]]] = [[noun_forms(w) for w in g] for g in groups(NOUNS)]
        n_nouns = len(inflected)
        inflected += [[verb_forms(w) for w in g] for g in groups(VERBS) + groups(CHANGES)]
        inflected += [[(w,) for w in g] for g in groups(ADJECTIVES)]
        owners: dict[str, set[int]] = {}
        table: dict[str, tuple[str, ...]] = {}
        for n, members in enumerate(inflected):
            for k in range(len(members[0])):
                for forms in members:
                    owners.setdefault(forms[k], set()).add(n)
                    others = tuple(o[k] for o in members if o[k] != forms[k])
                    if others and " " not in forms[k]:
                        table[forms[k]] = others
        topic_nouns = [w.strip(" *") for spec in TOPICS.values() for w in spec["nouns"].split(",")]
        in_nouns = {w for lemma in topic_nouns for form in noun_forms(lemma) for w in form.split()}
        in_nouns.update(
            w for g in inflected[:n_nouns] for forms in g for f in forms for w in f.split()
        )
        keep = {w for w, n in owners.items() if len(n) == 1 and w not in topic_nouns}
        keep -= {w for w, n in owners.items() if min(n) >= n_nouns and w in in_nouns}
        return {w: alts for w, alts in table.items() if w in keep}

    def british_table(self) -> dict[str, str]:
        """US form -> British form, every inflection, for the house style."""
        table: dict[str, str] = {}  # "percent" is a house habit of its own
        for pair in BRITISH_NOUNS.split(","):
            us, uk = pair.split()
            table.update(zip(noun_forms(us), noun_forms(uk), strict=True))
        for pair in BRITISH_VERBS.split(","):
            us, uk = pair.split()
            british = verb_forms(uk.rstrip("!"), double=uk.endswith("!"))
            table.update(zip(verb_forms(us), british, strict=True))
        return {us: uk for us, uk in table.items() if us != uk}

    def topic(self, name: str, spec: dict[str, str]) -> Topic:
        r = self.r
        own = [noun_forms(w.strip()) for w in spec["nouns"].split(",")]
        borrowed = r.sample(self.pseudo_nouns[20:15000], 240) + r.sample(self.nouns.items[:300], 60)
        verbs = r.sample(self.pseudo_verbs[10:2500], 50) + r.sample(self.verbs.items[:150], 15)
        adjectives = r.sample(self.pseudo_adjectives[10:4000], 50)
        fields = [f.strip() for f in spec["fields"].split(",")]
        real_orgs = [title(o.strip()) for o in spec["orgs"].split(",")]
        built = [self.org_name(fields) for _ in range(150)]
        return Topic(
            name,
            Table.zipf(own + borrowed, shift=10),
            Table.zipf(verbs),
            Table.zipf(adjectives),
            Table.zipf(real_orgs + built, shift=6),
            [w.strip() for w in spec["roles"].split(",")],
            [w.strip() for w in spec["units"].split(",")],
        )

    def org_name(self, fields: list[str]) -> str:
        r = self.r
        pseudo = cap(self.fresh(COMPANY_ENDINGS, shortest=4))
        self.proper.add(pseudo)
        shape = r.randrange(6)
        if shape == 0:
            return f"the Ministry of {r.choice(fields)}"
        if shape == 1:
            return f"the {self.places.draw(r.random)} {r.choice(fields)} {r.choice(ORG_BODIES)}"
        if shape == 2:
            return f"the National {r.choice(fields)} {r.choice(ORG_BODIES)}"
        if shape == 3:
            return f"the {pseudo} {r.choice(ORG_BODIES)}"
        return f"{pseudo} {r.choice(ORG_SUFFIXES)}"


# --- the grammar --------------------------------------------------------------------------
# A sentence is a frame whose {slots} are filled left to right; a slot is a word, a number or
# a phrase that is itself a small template. {S} (a subject) sets the number that {has},
# {is} and {was} agree with. Weights are relative frequencies.

FRAMES = [
    (7, "{opener}{S} {past} {np}{pp}{pp}{tail}."),
    (5, "{S} {past} {np}{pp}{pp}, {attrib}."),
    (4, "{opener}{S} {has} {part} {np}{pp}{tail}."),
    (3, "{P} said {S} would {base} {np}{pp} {when}."),
    (3, "{S} {is} expected to {base} {np}{pp} {when}, {attrib}."),
    (3, "{opener}{units} were {past}{pp}{pp}, {attrib}."),
    (4, "{thing} {cpast} by {pct}{pp}{pp}, according to {O}."),
    (2, "{thing} {cpast} to {qty} in {M}, {updown} from {N} {earlier}, {attrib}."),
    (12, "{quoted}"),
    (3, "{who} said {clause}{tail}."),
    (3, "{np1} was {past} by {S}{pp}{tail}."),
    (2, "It {remains} unclear {whether} {clause}{pp}, {attrib}."),
    (3, "{opener}{S} {past} {np}{pp}{which}."),
    (2, "{S} {past} {np}{pp} because {clause}."),
    (2, "The {move} comes after {clause}{pp}{pp}."),
    (3, "{S} {past} {np}{pp}, and {S} {past} {np}{pp}."),
    (2, "Since {M}, {thing} {has} {cpart} by {pct}, {attrib}."),
    (2, "Under the {noun}, {S} would {base} {np}{pp}{pp}."),
    (3, "{S} {past} {np}{pp} and {past} {np}{pp}."),
    (2, "{P} {traveled} to {L} on {D} to {base} {np}{pp}."),
    (2, "Asked about {np}, {P} said {clause}{pp}."),
    (2, "{S} had {part} {np} in {Y}{pp}{tail}."),
    (2, "{P} described {np} as {adj} and {adj}{which}."),
    (2, "{crowd} {gathered}{pp}{pp}{tail}."),
    (2, "{opener}{O} {past} {np} for {qty}{pp}."),
    (2, "The {noun} was {adj}, {attrib}, adding that {clause}."),
    (2, "{S} {has} not {part} {np}{pp}, {attrib}."),
    (1, "{P} declined to {base} {np}{pp}, but {S} {past} {np}."),
    (1, "There {was} no {adj} {noun} for {np}{pp}, {attrib}."),
    (2, "{opener}{thing} {was} {past}{pp}{pp}, {attrib}."),
    (2, "If approved, {np} would {base} {np}{pp} {when}."),
    (2, "{S} {is} {ing} {np}{pp}, {attrib}."),
    (1, "{P}, {age}, has worked as {a_role} in {L} since {Y} and {past} {np}{pp}."),
]
LEDE = [  # the first sentence of an article: who did what
    (3, "{S} {past} {np}{pp}{tail}."),
    (2, "{S} {past} {np} on {D}, {attrib}."),
    (2, "{opener}{S} {past} {np}{pp}."),
    (1, "{S} {has} {part} {np}{pp}, {attrib}."),
    (1, "{units} were {past} in {L} on {D}, {attrib}."),
]
QUOTED = [
    (4, '"{q}," {P} said.'),
    (2, '"{q}," said {whois}.'),
    (2, '{P} said: "{q}."'),
    (2, '"{q}," {P} told reporters{pp}.'),
    (1, '"{q}," the {R} added.'),
    (1, '"{q}," {P} said in a statement.'),
    (1, '"{q}," {P} wrote on social media on {D}.'),
    (1, '"{q}," {P} said in an interview.'),
]
QUOTE = [  # what people say, in the first person and the present
    (3, "We have {part} {np}{pp}{pp}"),
    (2, "This is {a_adj} {noun} for {L}, and {S} {past} {np}"),
    (1, "Nobody expected {thing} to {cbase} this fast"),
    (2, "I think {np} will {base} {np}{pp}"),
    (2, "{thing} {cpast} by {pct}, and that is {adj}"),
    (2, "We {past} {np} in {M}, and we will {base} {np} {when}"),
    (1, "People in {L} deserve {np}{pp}"),
    (1, "There is no {adj} {noun} for {np}{pp}"),
    (1, "We need {np} before {M}, or {np} will {cbase}"),
    (1, "Our {noun} has {part} {np}{pp}"),
    (2, "{S} {past} {np}, and we {past} {np}"),
    (1, "It is {adj} to {base} {np} now"),
    (1, "Nobody can {base} {np} without {np}"),
]
ATTRIB = [
    (5, "{P} said"),
    (2, "said {P}"),
    (2, "{P} told reporters"),
    (2, "{P} said on {D}"),
    (2, "according to {O}"),
    (2, "{O} said in a statement"),
    (2, "the {R} said"),
    (2, "officials in {L} said"),
    (1, "{P} said in an interview"),
    (2, "{whois}, said"),
    (1, "{a_role} {at} {O} said"),
    (1, "a spokesperson for {O} said"),
    (1, "{O} said on {D}"),
]
CLAUSE = [
    (4, "{S} {past} {np}{pp}"),
    (2, "{S} {has} {part} {np}"),
    (2, "{thing} {cpast} by {pct}"),
    (2, "{S} would {base} {np} {when}"),
    (1, "{S} {was} {ing} {np}"),
]
PREPOSITIONAL = [
    (3, " in {L}"),
    (3, " on {D}"),
    (2, " in {M}"),
    (2, " after {np}"),
    (1, " despite {np}"),
    (1, " amid {nps}"),
    (2, " over {np}"),
    (3, " for {np}"),
    (1, " ahead of {np}"),
    (1, " following {np}"),
    (1, " under {np}"),
    (2, " with {np}"),
    (1, " at {np}"),
    (1, " near {L}"),
    (1, " across {L}"),
    (1, " in {Y}"),
    (1, " during {np}"),
    (1, " without {np}"),
    (1, " from {O}"),
    (2, " to {np}"),
]
OPENER = [
    (3, "On {D}, "),
    (2, "In {M}, "),
    (1, "Earlier this year, "),
    (2, "Last week, "),
    (1, "Meanwhile, "),
    (1, "Separately, "),
    (2, "In {L}, "),
    (1, "After {np}, "),
    (1, "Despite {np}, "),
    (1, "According to {O}, "),
    (1, "For now, "),
    (1, "On {date}, "),
    (1, "Later on {D}, "),
    (1, "In {a_adj} move, "),
    (1, "At the same time, "),
    (1, "In {Y}, "),
]
SUBORDINATE = [
    (2, ", which {past} {np}"),
    (2, ", although {S} {past} {np}"),
    (1, " because {S} had {part} {np}"),
    (1, " as {thing} {cpast}"),
    (1, ", a move that {past} {np}"),
    (1, " while {S} {past} {np}"),
    (1, " after {S} {past} {np}"),
    (1, " to {base} {np}"),
]
WHEN = [
    (2, "on {D}"),
    (1, "next {D}"),
    (1, "next week"),
    (1, "later this year"),
    (1, "by the end of {M}"),
    (1, "before {M}"),
    (1, "within {small} weeks"),
    (1, "in the coming days"),
    (1, "in {Y}"),
    (1, "this month"),
]
WORDS = {  # small closed classes, split on spaces (or on "|" when there is one)
    "updown": "up down",
    "earlier": "earlier|a year earlier|the year before|last year|in the spring",
    "whether": "whether when how why",
    "remains": "is was remains remained",
    "move": "decision move announcement step ruling vote report",
    "traveled": "traveled traveled went returned",
    "gathered": "gathered protested rallied marched waited",
    "people": "residents protesters workers people supporters volunteers students families",
    "at": "at with for",
}


@dataclass
class Cast:
    """Who and what one story is about: its sentences keep coming back to these."""

    topic: Topic
    people: list[str]
    roles: dict[str, str]
    place: str
    orgs: list[str]
    keys: list[Noun]
    named: set[str] = field(default_factory=set)


_SLOT = re.compile(r"\{(\w+)\}")


class Writer:
    """Writes sentences about a cast from the frames above and the lexicon."""

    def __init__(self, r: random.Random, lexicon: Lexicon) -> None:
        self.r, self.rnd, self.lex = r, r.random, lexicon
        self.plural = False  # the number of the last subject, for {has}, {is} and {was}
        self.cast = Cast(lexicon.topics["economy"], ["Ann Lee"], {}, "Oxford", [], [])  # until set
        self.slots = self.phrase_slots() | self.word_slots()

    def phrase_slots(self) -> dict[str, Callable[[], str]]:
        choose, maybe = self.choose, self.maybe
        quote = choose(QUOTE)
        return {
            "quoted": choose(QUOTED),
            "frame": choose(FRAMES),
            "lede": choose(LEDE),
            "q": lambda: cap(quote()),
            "attrib": choose(ATTRIB),
            "clause": choose(CLAUSE),
            "pp": maybe(PREPOSITIONAL, 0.75),
            "opener": maybe(OPENER, 0.35),
            "tail": maybe(SUBORDINATE, 0.35),
            "which": choose(SUBORDINATE),
            "when": choose(WHEN),
            "np": self.np,
            "np1": lambda: self.np(plural=False),
            "nps": lambda: self.np(plural=True),
            "thing": lambda: self.np(agree=True, topical=True),
        }

    def word_slots(self) -> dict[str, Callable[[], str]]:
        words = {k: v.split("|" if "|" in v else None) for k, v in WORDS.items()}

        def word(k: str) -> Callable[[], str]:
            return lambda: self.pick(words[k])

        return {
            **{k: word(k) for k in words},
            "S": self.subject,
            "P": self.person,
            "who": lambda: self.described() + ",",
            "whois": self.described,
            "O": self.org,
            "L": self.place,
            "R": self.role,
            "a_role": lambda: self.with_article(self.role()),
            "a_adj": lambda: self.with_article(self.adjective()),
            "D": lambda: self.pick(DAYS),
            "M": lambda: self.pick(MONTHS),
            "Y": lambda: str(2001 + int(self.rnd() * 24)),
            "date": lambda: f"{self.pick(MONTHS)} {1 + int(self.rnd() * 28)}",
            "N": self.count,
            "small": lambda: str(2 + int(self.rnd() * 30)),
            "age": lambda: str(24 + int(self.rnd() * 50)),
            "pct": lambda: f"{0.1 + 39.9 * self.rnd() ** 2:.1f} percent",
            "qty": self.quantity,
            "units": lambda: f"{self.approx()}{self.count()} {self.pick(self.cast.topic.units)}",
            "crowd": lambda: f"{self.approx()}{self.count()} {self.pick(words['people'])}",
            "noun": lambda: self.noun()[0],
            "adj": self.adjective,
            "past": lambda: self.verb()[2],
            "part": lambda: self.verb()[3],
            "base": lambda: self.verb()[0],
            "ing": lambda: self.verb()[4],
            "cpast": lambda: self.lex.changes.draw(self.rnd)[2],
            "cpart": lambda: self.lex.changes.draw(self.rnd)[3],
            "cbase": lambda: self.lex.changes.draw(self.rnd)[0],
            "has": lambda: "have" if self.plural else "has",
            "is": lambda: "are" if self.plural else "is",
            "was": lambda: "were" if self.plural else "was",
        }

    # --- frames and slots -------------------------------------------------------------------
    def expand(self, template: str) -> str:
        return _SLOT.sub(self.fill, template)

    def fill(self, m: re.Match[str]) -> str:
        return self.slots[m.group(1)]()

    def choose(self, weighted: list[tuple[int, str]]) -> Callable[[], str]:
        table = Table([t for _, t in weighted], [w for w, _ in weighted])
        return lambda: self.expand(table.draw(self.rnd))

    def maybe(self, weighted: list[tuple[int, str]], p: float) -> Callable[[], str]:
        choose = self.choose(weighted)
        return lambda: choose() if self.rnd() < p else ""

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.rnd() * len(items))]

    def sentences(self, cast: Cast, n: int) -> list[str]:
        """A lede and n - 1 more sentences about the cast."""
        self.cast = cast
        frame = self.slots["frame"]
        return [cap(self.slots["lede"]()), *(cap(frame()) for _ in range(n - 1))]

    # --- words ------------------------------------------------------------------------------
    def noun(self, *, topical: bool = False) -> Noun:
        x = self.rnd()
        if x < 0.2 and self.cast.keys:
            return self.pick(self.cast.keys)
        if x < 0.45 or topical:
            return self.cast.topic.nouns.draw(self.rnd)
        return self.lex.nouns.draw(self.rnd)

    def verb(self) -> Verb:
        if self.rnd() < 0.2:
            return self.cast.topic.verbs.draw(self.rnd)
        return self.lex.verbs.draw(self.rnd)

    def adjective(self) -> str:
        if self.rnd() < 0.2:
            return self.cast.topic.adjectives.draw(self.rnd)
        return self.lex.adjectives.draw(self.rnd)

    def with_article(self, word: str) -> str:
        return f"{article(word)} {word}"

    # --- phrases ----------------------------------------------------------------------------
    def np(self, *, plural: bool | None = None, agree: bool = False, topical: bool = False) -> str:
        """A noun phrase: a determiner, maybe an adjective or a modifying noun, the noun."""
        sing, plur = self.noun(topical=topical)
        mass = sing == plur
        if plural is None:
            plural = not mass and self.rnd() < 0.35
        head = plur if plural else sing
        x = self.rnd()
        if x < 0.35:
            head = f"{self.adjective()} {head}"
        elif x < 0.5 and " " not in head:
            modifier = self.noun()[0]
            if " " not in modifier and modifier != sing:
                head = f"{modifier} {head}"
        x = self.rnd()
        if x < 0.16:
            of, plurals = self.noun()
            head += f" of the {of}" if x < 0.1 else f" of {plurals}"
        elif x < 0.24:
            head += f" in {self.place()}"
        if agree:
            self.plural = plural
        x = self.rnd()
        if plural or mass:
            return head if x < 0.45 else f"{self.pick(MASS if mass else DETERMINERS)} {head}"
        if x < 0.62:
            return f"the {head}"
        if x < 0.85:
            return self.with_article(head)
        return f"{self.pick(POSSESSIVES)} {head}"

    def subject(self) -> str:
        x = self.rnd()
        self.plural = False
        if x < 0.25:
            return self.person()
        if x < 0.43:
            return self.org()
        if x < 0.55:
            return f"the {self.role()}"
        if x < 0.65:
            self.plural = True
            return self.pick(GROUPS) if self.rnd() < 0.7 else f"officials in {self.place()}"
        return self.np(agree=True)

    def person(self) -> str:
        who = self.pick(self.cast.people)
        if who in self.cast.named and self.rnd() < 0.75:
            return who.rsplit(" ", 1)[-1]
        self.cast.named.add(who)
        return who

    def described(self) -> str:
        who = self.pick(self.cast.people)
        self.cast.named.add(who)
        role = self.cast.roles.get(who) or self.role()
        return f"{who}, {self.with_article(role)} {self.pick(WORDS['at'].split())} {self.org()}"

    def org(self) -> str:
        if self.rnd() < 0.7:
            return self.pick(self.cast.orgs)
        return self.cast.topic.orgs.draw(self.rnd)

    def place(self) -> str:
        return self.cast.place if self.rnd() < 0.55 else self.lex.places.draw(self.rnd)

    def role(self) -> str:
        return self.pick(self.cast.topic.roles)

    def count(self) -> str:
        return f"{int(10 ** (0.3 + 4.4 * self.rnd())):,}"

    def approx(self) -> str:
        return self.pick(APPROX)

    def quantity(self) -> str:
        if self.rnd() < 0.35:
            amount = f"{1 + 998 * self.rnd() ** 2:.1f}"
            return self.pick(MONEY).format(amount)
        return f"{self.approx()}{self.count()} {self.pick(self.cast.topic.units)}"


DETERMINERS = ("the", "the", "the", "their", "its", "some", "many", "several", "two", "three")
MASS = ("the", "the", "its", "their", "more", "less")
GROUPS = ("officials", "residents", "critics", "analysts", "police", "investigators", "opponents")
POSSESSIVES = ("its", "their", "this", "that")
APPROX = ("", "", "", "about ", "more than ", "nearly ", "at least ", "some ")
MONEY = ("${} million", "${} billion", "{} million euros", "{} million dollars")


# --- copy-editing: house style, rewriting and updates ----------------------------------------

SAY = ("said", "stated", "noted", "added", "remarked")  # what a rewriter may write for "said"
FUNCTION_SYNONYMS = {
    "said": SAY[1:],
    "because": ("as", "since", "given that"),
    "although": ("though", "even though", "despite the fact that"),
    "despite": ("in spite of", "notwithstanding", "regardless of"),
    "following": ("after", "in the wake of", "on the heels of"),
    "nearly": ("almost", "close to", "just under"),
    "expected": ("due", "set", "poised"),
    "declined": ("refused", "was unwilling", "chose not"),
    "reporters": ("journalists", "the press", "the media"),
    "unclear": ("not clear", "uncertain", "unknown"),
    "while": ("whereas", "as", "even as"),
    "amid": ("in the midst of", "against a backdrop of", "in the face of"),
    "several": ("a number of", "various", "a handful of"),
    "many": ("numerous", "a large number of", "countless"),
    "move": ("step", "development", "action"),
    "described": ("characterized", "portrayed", "depicted"),
    "remains": ("is still", "continues to be"),
    "remained": ("was still", "continued to be"),
    "gathered": ("assembled", "congregated", "came together"),
    "protested": ("demonstrated", "took to the streets"),
    "rallied": ("assembled", "turned out"),
    "waited": ("queued", "stood by", "lingered"),
    "worked": ("served", "been employed"),
    "adding": ("saying", "noting", "explaining"),
    "earlier": ("before", "previously", "prior"),
    "next": ("the coming", "the following"),
    "people": ("citizens", "members of the public", "locals"),
}
# A rewriter's habits are drawn per article: how many of the words that have synonyms it
# replaces, how loyal it stays to a replacement it has used, how often it moves a clause.
SWAP_RATE = (0.4, 0.8)
LOYALTY = (0.6, 0.95)
MOVE_RATE = (0.25, 0.85)
_SAY = "|".join(SAY)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_NAME = r"[A-Z][\w'.-]*(?: [A-Z][\w'.-]*)*"
_WHO = rf"(?P<who>{_NAME}|the [\w' -]+|officials in [A-Z][\w -]+|a spokesperson for [^,]+)"
_ATTRIBUTED = re.compile(
    rf"^(?P<head>.+), {_WHO} (?P<verb>{_SAY})(?P<rest> on \w+| in an interview| in a statement|)\.$"
)
_NAME_SAID = re.compile(rf"^(?P<head>.+), (?P<who>{_NAME}) (?P<verb>{_SAY})\.$")
_SAID_NAME = re.compile(rf"^(?P<head>.+), (?P<verb>{_SAY}) (?P<who>{_NAME})\.$")
_ACCORDING = re.compile(r"^(?P<head>.+), according to (?P<src>[^,]+)\.$")
_OPENED = re.compile(
    r"^(?P<op>On [A-Z]\w+(?: \d+)?|In [A-Z]\w+|Last week|Earlier this year|Later on \w+|In \d{4}), (?P<rest>.+)\.$"
)
_CLOSED = re.compile(
    r"^(?P<head>.{25,}) (?P<prep>on|in|after|during|following|for|with|over|despite|amid|under) "
    r"(?P<obj>[A-Z][\w'-]*(?: [A-Z][\w'-]*)*|(?:the|its|their|some|many|several)(?: [\w-]+){1,3})\.$"
)
_AND = re.compile(r"^(?P<a>[^,]{20,}), and (?P<b>[^,]{20,})\.$")
_BECAUSE = re.compile(r"^(?P<a>[^,]{20,}) (?P<conj>because|as|since) (?P<b>[^,]{20,})\.$")
_SAID_CLAUSE = re.compile(
    rf"^(?P<who>[A-Z][\w'-]*(?: [A-Z][\w'-]*)?) (?:{_SAY}) (?P<rest>[^\"]+)\.$"
)
_QUOTE_FIRST = re.compile(rf'^"(?P<q>[^"]+)," (?P<who>[A-Z][\w\' -]*?) (?P<verb>{_SAY})\.$')
_QUOTE_LAST = re.compile(rf'^(?P<who>[A-Z][\w\' -]*?) (?P<verb>{_SAY}): "(?P<q>[^"]+)\."$')
_ARTICLE = re.compile(r"\b([Aa])n? (?=([A-Za-z]))")
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+\.\d+|\d{1,3})(?![\w€]|[.,]\d)")
_DAY = re.compile(rf"\b([Oo]n) ({DAY_NAMES})\b(?! (?:night|evening|morning|afternoon))")
_PERCENT = re.compile(r"(?<=\d) percent\b")


def fix_articles(text: str) -> str:
    """Make each "a" or "an" fit the word after it, once a synonym has replaced that word."""
    return _ARTICLE.sub(lambda m: m[1] + ("n " if m[2] in "aeiouAEIOU" else " "), text)


def outside_quotes(sentence: str, edit: Callable[[str], str]) -> str:
    """Apply ``edit`` to the parts of a sentence that are not inside double quotes."""
    parts = sentence.split('"')
    parts[::2] = [edit(p) for p in parts[::2]]
    return '"'.join(parts)


@dataclass(frozen=True)
class HouseStyle:
    """One outlet's copy-desk habits: fixed for the outlet, applied to every story it edits."""

    british: bool  # British spelling ("organised", "centre")
    quotes: str  # '"' (kept), "'" (single) or "“”" (typographic)
    percent: str  # "percent", "per cent" or "%"
    habits: tuple[tuple[re.Pattern[str], str], ...]  # phrase edits, outside quotes


def house_style(outlet: str, seed: int) -> HouseStyle:
    """The outlet's style, from the seed and the outlet's name alone. Outlets take turns at
    the three kinds of desk: British spelling, US spelling with its own quotes, or both."""
    r = random.Random(f"{seed}/house/{outlet}")
    kind = OUTLETS.index(outlet) % 3 if outlet in OUTLETS else r.randrange(3)
    british = kind != 1
    quotes = '"' if kind == 0 else r.choice(["'", "“”"])
    percent = r.choice(["per cent", "%"] if british else ["percent", "%"])
    picked = r.sample(HABITS, r.randint(4, 7))
    habits = tuple((re.compile(p), r.choice(alts)) for p, alts in picked)
    return HouseStyle(british, quotes, percent, habits)


class Editor:
    """What copy desks do to a story: house style, rewriting, and a wire's own updates."""

    def __init__(self, r: random.Random, lexicon: Lexicon) -> None:
        self.r, self.rnd, self.lex = r, r.random, lexicon
        self.british = lexicon.british | {cap(us): cap(uk) for us, uk in lexicon.british.items()}
        self.synonyms = lexicon.synonyms | FUNCTION_SYNONYMS

    # --- house style ----------------------------------------------------------------------
    def house(self, sentence: str, style: HouseStyle) -> tuple[str, bool]:
        """The sentence in the outlet's style, and whether a phrase or a figure changed (not
        only spelling or quote marks, which a reader, or an engine, hardly notices)."""
        spelled = sentence
        if style.british:
            spelled = _WORD.sub(lambda m: self.british.get(m.group(0), m.group(0)), spelled)
        percent = "%" if style.percent == "%" else " " + style.percent

        def habits(part: str) -> str:
            for pattern, replacement in style.habits:
                part = pattern.sub(replacement, part)
            return _PERCENT.sub(percent, part)

        s = cap(outside_quotes(spelled, habits))
        visible = s != spelled
        if style.quotes == "'":
            s = s.replace('"', "'")
        elif style.quotes == "“”":
            parts = s.split('"')
            s = parts[0] + "".join("“”"[k % 2] + p for k, p in enumerate(parts[1:]))
        return s, visible

    # --- rewriting ------------------------------------------------------------------------
    def rewriter(self) -> Rewriter:
        """A rewriter with habits of its own, for one article."""
        return Rewriter(self)

    def uncap(self, text: str) -> str:
        first = text.split(" ", 1)[0]
        return text if first in self.lex.proper else text[0].lower() + text[1:]

    # --- a wire's update ------------------------------------------------------------------
    def update(self, sentence: str, cast: Cast) -> str:
        """The sentence with one detail changed, as a wire's next version has it: a figure
        goes up, "on Tuesday" becomes "on Tuesday night", a name gets its title."""
        edits = [self.raise_figure, self.later_time, self.add_title]
        self.r.shuffle(edits)
        for edit in edits:
            changed = edit(sentence, cast)
            if changed is not None and changed != sentence:
                return changed
        return self.add_time(sentence, cast)

    def raise_figure(self, sentence: str, cast: Cast) -> str | None:
        parts = sentence.split('"')
        spots = [
            (k, m)
            for k in range(0, len(parts), 2)
            for m in _NUMBER.finditer(parts[k])
            if not re.search(rf"(?:{'|'.join(MONTHS)}) $|, $", parts[k][: m.start()])
        ]
        if not spots:
            return None
        k, m = spots[int(self.rnd() * len(spots))]
        text = m.group(0)
        if "." in text:
            decimals = len(text.split(".")[1])
            value = float(text)
            new = f"{value + max(0.1, value * self.r.uniform(0.05, 0.4)):.{decimals}f}"
        else:
            value = int(text.replace(",", ""))
            bigger = value + max(1, round(value * self.r.uniform(0.05, 0.5)))
            new = f"{bigger:,}"
        parts[k] = parts[k][: m.start()] + new + parts[k][m.end() :]
        return '"'.join(parts)

    def later_time(self, sentence: str, cast: Cast) -> str | None:
        def later(m: re.Match[str]) -> str:
            on, day = m.group(1), m.group(2)
            if self.rnd() < 0.5:
                return f"{on} {day} {self.pick(('night', 'evening', 'morning'))}"
            return f"{'Late' if on == 'On' else 'late'} on {day}"

        return outside_quotes(sentence, lambda p: _DAY.sub(later, p, count=1))

    def add_title(self, sentence: str, cast: Cast) -> str | None:
        for who in cast.people:
            m = re.search(rf"\b{re.escape(who)}\b(?!, an? )", sentence)
            if m is None or who not in cast.roles or sentence.count('"', 0, m.start()) % 2:
                continue
            before = sentence[: m.start()].split()
            if before and before[-1][0].isupper() and before[-1][-1].isalpha():
                continue  # a title or a name is there already
            return sentence[: m.start()] + f"{title(cast.roles[who])} " + sentence[m.start() :]
        return None

    def add_time(self, sentence: str, cast: Cast) -> str:
        day = self.pick(DAYS)
        if sentence.endswith('."'):
            for say in SAY:
                if f" {say}: " in sentence:
                    return sentence.replace(f" {say}: ", f" {say} on {day}: ", 1)
            return f"Late on {day}, {self.uncap(sentence)}"
        return f"{sentence[:-1]} late on {day}."

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.rnd() * len(items))]


class Rewriter:
    """One rewriter's pass over one article, with habits of its own: its own share of
    words replaced, its own pick among the synonyms (uniform, then mostly kept for the rest
    of the article), and its own taste in clause moves. Two rewriters of one story agree
    on a replaced word only as often as chance makes them pick the same synonym."""

    def __init__(self, editor: Editor) -> None:
        r = editor.r
        self.editor, self.rnd = editor, r.random
        self.rate = r.uniform(*SWAP_RATE)
        self.loyalty = r.uniform(*LOYALTY)
        self.move_rate = r.uniform(*MOVE_RATE)
        self.taste = [r.random() ** 2 for _ in MOVES]  # some moves a rewriter hardly makes
        self.chosen: dict[str, str] = {}  # word -> the synonym this rewriter used for it
        self.log: list[tuple[str, str]] | None = None  # (word, what it wrote), when measured

    def rewrite(self, sentence: str) -> str:
        """Synonyms swapped outside quotes, then maybe a clause moved."""
        s = outside_quotes(sentence, lambda p: fix_articles(_WORD.sub(self.word, p)))
        moves = [
            (w, moved)
            for w, move in zip(self.taste, MOVES, strict=True)
            if (moved := move(self, s)) is not None
        ]
        if not moves or self.rnd() >= self.move_rate:
            return s
        return Table([m for _, m in moves], [w + 1e-9 for w, _ in moves]).draw(self.rnd)

    def word(self, m: re.Match[str]) -> str:
        word = m.group(0)
        alts = self.editor.synonyms.get(word)
        upper = False
        if alts is None and m.start() == 0 and word not in self.editor.lex.proper:
            alts, upper = self.editor.synonyms.get(word.lower()), True
        out = word
        if alts is not None and self.rnd() < self.rate:
            key = word.lower()
            out = self.chosen.get(key, "")
            if not out or self.rnd() > self.loyalty:
                out = self.chosen[key] = alts[int(self.rnd() * len(alts))]
            out = cap(out) if upper else out
        if self.log is not None:
            self.log.append((word, out))
        return out

    # --- clause moves: each gives the moved sentence, or None when it does not apply --------
    def attribution_first(self, s: str) -> str | None:
        m = None if '"' in s else _ATTRIBUTED.match(s)
        if m is None:
            return None
        return f"{cap(m['who'])} {m['verb']}{m['rest']} that {self.editor.uncap(m['head'])}."

    def according_first(self, s: str) -> str | None:
        m = None if '"' in s else _ACCORDING.match(s)
        return f"According to {m['src']}, {self.editor.uncap(m['head'])}." if m else None

    def opener_last(self, s: str) -> str | None:
        m = None if '"' in s else _OPENED.match(s)
        return f"{cap(m['rest'])} {m['op'][0].lower()}{m['op'][1:]}." if m else None

    def said_according(self, s: str) -> str | None:
        m = None if '"' in s else _SAID_CLAUSE.match(s)
        if m is None or " that " in m["rest"]:
            return None
        return f"According to {m['who']}, {m['rest']}."

    def cause_first(self, s: str) -> str | None:
        m = None if '"' in s else _BECAUSE.match(s)
        if m is None:
            return None
        return f"{cap(m['conj'])} {self.editor.uncap(m['b'])}, {self.editor.uncap(m['a'])}."

    def clauses_swapped(self, s: str) -> str | None:
        m = None if '"' in s else _AND.match(s)
        return f"{cap(m['b'])}, and {self.editor.uncap(m['a'])}." if m else None

    def phrase_first(self, s: str) -> str | None:
        m = None if '"' in s else _CLOSED.match(s)
        if m is None:
            return None
        return f"{cap(m['prep'])} {m['obj']}, {self.editor.uncap(m['head'])}."

    def speaker_inverted(self, s: str) -> str | None:
        if '"' in s:
            return None
        m = _NAME_SAID.match(s)
        if m:
            return f"{m['head']}, {m['verb']} {m['who']}."
        m = _SAID_NAME.match(s)
        return f"{m['head']}, {m['who']} {m['verb']}." if m else None

    def quote_turned(self, s: str) -> str | None:
        m = _QUOTE_FIRST.match(s)
        if m:
            return f'{m["who"]} {m["verb"]}: "{m["q"]}."'
        m = _QUOTE_LAST.match(s)
        return f'"{m["q"]}," {m["who"]} {m["verb"]}.' if m else None


MOVES: list[Callable[[Rewriter, str], str | None]] = [
    Rewriter.attribution_first,
    Rewriter.according_first,
    Rewriter.opener_last,
    Rewriter.said_according,
    Rewriter.cause_first,
    Rewriter.clauses_swapped,
    Rewriter.phrase_first,
    Rewriter.speaker_inverted,
    Rewriter.quote_turned,
]


def rewrite_agreement(seed: int = 1, stories: int = 300) -> tuple[int, int]:
    """How often two rewriters of one story, replacing the same word, pick the same synonym:
    (same pick, words both replaced), over pairs of rewrites of ``stories`` stories."""
    g = _Gen(seed)
    same = both = 0
    for k in range(stories):
        body, _ = g.story(list(TOPICS)[k % len(TOPICS)], g.r.randint(8, 20))
        logs = []
        for _ in range(2):
            rewriter = g.editor.rewriter()
            rewriter.log = []
            for s in body:
                rewriter.rewrite(s)
            logs.append(rewriter.log)
        for (word, one), (_, two) in zip(*logs, strict=True):
            if one != word and two != word:
                both += 1
                same += one == two
    return same, both


# --- corpus -------------------------------------------------------------------------------


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


Version = tuple[str, str, list[str]]  # a wire story as published: id, title, sentences


def source_of(versions: Sequence[Version], used: Iterable[str]) -> str:
    """The earliest version that holds every sentence a copy took: its textual source."""
    wanted = set(used)
    for vid, _, sentences in versions:
        if wanted <= set(sentences):
            return vid
    raise ValueError("no version holds the copied sentences")


@dataclass
class Story:
    """One wire story being copied: what the copies of it need to know."""

    fam: int
    topic: str
    cast: Cast
    outlets: list[str]  # in the order the story reaches them
    n_derived: int
    versions: list[Version]  # as published so far, earliest first


class _Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.lex = Lexicon(self.r)
        self.writer = Writer(self.r, self.lex)
        self.editor = Editor(self.r, self.lex)
        self.styles = {o: house_style(o, seed) for o in OUTLETS}
        self.articles: list[Article] = []
        self.edges: set[tuple[str, str]] = set()
        self.family: dict[str, int] = {}
        self.kind: dict[str, str] = {}
        self.multi: set[str] = set()
        self.clock = datetime(2025, 3, 1, 6, 0)
        self.topic_names: dict[str, list[str]] = {t: [] for t in TOPICS}

    # --- pieces ---------------------------------------------------------------------------
    def name(self) -> str:
        return f"{self.r.choice(FIRST)} {self.lex.last_names.draw(self.r.random)}"

    def cast(self, topic: str, people: list[str]) -> Cast:
        r, t = self.r, self.lex.topics[topic]
        return Cast(
            t,
            people,
            {p: r.choice(t.roles) for p in people},
            self.lex.places.draw(r.random),
            [t.orgs.draw(r.random) for _ in range(r.randint(1, 3))],
            [
                self.lex.nouns.draw(r.random) if r.random() < 0.3 else t.nouns.draw(r.random)
                for _ in range(r.randint(2, 4))
            ],
        )

    def story(self, topic: str, n: int) -> tuple[list[str], Cast]:
        people = [self.name() for _ in range(self.r.randint(2, 4))]
        if self.topic_names[topic] and self.r.random() < 0.5:
            people.append(self.r.choice(self.topic_names[topic]))  # a well-known name
        self.topic_names[topic].extend(people[:1])
        self.topic_names[topic] = self.topic_names[topic][-50:]
        cast = self.cast(topic, people)
        return self.writer.sentences(cast, n), cast

    def independent_sentences(self, topic: str, n: int) -> list[str]:
        people = [self.name() for _ in range(2)]
        if self.topic_names[topic]:
            people.append(self.r.choice(self.topic_names[topic]))
        return self.writer.sentences(self.cast(topic, people), n)

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
    def house(self, body: list[str], cast: Cast, outlet: str) -> tuple[list[str], list[bool]]:
        """The story in the outlet's house style under a lede of the outlet's own (a new
        first sentence about the story's people and things, in the outlet's words), and for
        each sentence whether the outlet's edits show in it (the lede always does)."""
        style = self.styles[outlet]
        lede, _ = self.editor.house(self.writer.sentences(cast, 1)[0], style)
        edited = [self.editor.house(s, style) for s in body]
        return [lede, *(s for s, _ in edited)], [True, *(v for _, v in edited)]

    def updated(self, first: list[str], more: list[str], cast: Cast) -> list[str]:
        """A wire's second version: the lede and one or two more sentences of the first get
        a new detail, new sentences come in at the end (one maybe just under the lede)."""
        second = list(first)
        second[0] = self.editor.update(first[0], cast)
        for k in self.r.sample(range(1, len(first)), self.r.randint(1, 2)):
            second[k] = self.editor.update(first[k], cast)
        more = list(more)
        if more and self.r.random() < 0.5:
            second.insert(1, more.pop(0))
        return second + more

    def headline(self, body: list[str]) -> str:
        words = re.sub(r"[\"'.,:]", "", body[0]).split()
        return " ".join(words[: self.r.randint(6, 10)])

    # --- families -------------------------------------------------------------------------
    def family_of(self, fam: int, target: int, recent: list[tuple[list[Version], str]]) -> None:
        """A wire story (sometimes in two versions) and the copies outlets made of it.

        Each copy takes its text from one version; its planted source is the earliest version
        that holds every sentence it took, since the text is all the evidence there is: a copy
        of v2 that keeps only sentences v1 already had is, as text, a copy of v1. Copies of v1
        come out before v2 does, copies of v2 after it."""
        r = self.r
        topic = r.choice(list(TOPICS))
        wire = r.choice(WIRES)
        body, cast = self.story(topic, r.randint(8, 20))
        title = self.headline(body)
        outlets = r.sample(OUTLETS, len(OUTLETS))
        n_derived = r.choice([1, 2, 3, 3, 4, 5, 6, 8])
        kinds = r.choices(
            ["verbatim", "trimmed", "house", "rewritten", "excerpt", "chain", "digest"],
            weights=[3, 2, 2, 2, 2, 1, 1],
            k=n_derived,
        )
        if r.random() < 0.15:  # successive updates: v2 changes details of v1 and adds more
            cut = max(5, len(body) * 2 // 3)
            texts = [
                (title, body[:cut]),
                (title + " (updated)", self.updated(body[:cut], body[cut:], cast)),
            ]
            bases = sorted(1 if r.random() < 0.6 else 0 for _ in kinds)
        else:
            texts = [(title, body)]
            bases = [0] * n_derived
        story = Story(fam, topic, cast, outlets, n_derived, [])
        story.versions.append((self.emit(wire, *texts[0], fam, "original", []), *texts[0]))
        recent.append((story.versions, topic))
        del recent[:-30]
        for k, (base, kind) in enumerate(zip(bases, kinds, strict=True)):
            if base == len(story.versions) and len(self.articles) < target:
                self.emit_update(story, wire, *texts[1])
            if len(self.articles) >= target:
                return
            self.derived(story, k, kind, base, target, recent)
        if len(story.versions) < len(texts) and len(self.articles) < target:
            self.emit_update(story, wire, *texts[1])

    def emit_update(self, story: Story, wire: str, title: str, body: list[str]) -> None:
        update = self.emit(wire, title, body, story.fam, "update", [story.versions[0][0]])
        story.versions.append((update, title, body))

    def derived(
        self,
        story: Story,
        k: int,
        kind: str,
        base: int,
        target: int,
        recent: list[tuple[list[Version], str]],
    ) -> None:
        """The k-th outlet's copy of the story's version ``base``."""
        r, fam = self.r, story.fam
        versions = story.versions[: base + 1]
        _, title, body = versions[-1]
        outlet = story.outlets[k % len(story.outlets)]
        if kind == "verbatim":
            self.emit(outlet, title, body, fam, kind, [source_of(versions, body)])
        elif kind == "trimmed":
            keep = max(4, round(len(body) * r.uniform(0.45, 0.8)))
            self.emit(outlet, title, body[:keep], fam, kind, [source_of(versions, body[:keep])])
        elif kind == "house":
            edited, _ = self.house(body, story.cast, outlet)
            self.emit(outlet, title, edited, fam, kind, [source_of(versions, body)])
        elif kind == "rewritten":
            rewriter = self.editor.rewriter()
            self.emit(
                outlet,
                self.headline(body[1:]),
                [rewriter.rewrite(s) for s in body],
                fam,
                kind,
                [source_of(versions, body)],
            )
        elif kind == "excerpt":
            own = self.independent_sentences(story.topic, r.randint(8, 14))
            start = r.randint(0, max(0, len(body) - 5))
            piece = body[start : start + r.randint(3, 5)]
            at = r.randint(2, len(own) - 2)
            self.emit(
                outlet,
                self.headline(own),
                own[:at] + piece + own[at:],
                fam,
                kind,
                [source_of(versions, piece)],
            )
        elif kind == "chain":
            # a house copy, then another outlet's trimmed copy of it, which keeps the house
            # copy's lede and (where it has them) two of the sentences its desk changed
            edited, visible = self.house(body, story.cast, outlet)
            mid = self.emit(outlet, title, edited, fam, "house", [source_of(versions, body)])
            if len(self.articles) >= target:
                return
            second = story.outlets[(k + story.n_derived) % len(story.outlets)]
            keep = max(5, round(len(edited) * r.uniform(0.6, 0.85)))
            changed = [i for i, v in enumerate(visible) if v and i > 0]
            if changed:
                keep = max(keep, changed[min(1, len(changed) - 1)] + 1)
            self.emit(second, title, edited[:keep], fam, "chain", [mid])
        elif kind == "digest" and len(recent) >= 3:
            picks = [recent[-1]] + r.sample(recent[-30:-1], 2)
            text, sources = [], []
            for story_versions, _ in picks:
                _, _, sbody = story_versions[-1 if r.random() < 0.7 else 0]
                start = r.randint(0, max(0, len(sbody) - 3))
                piece = sbody[start : start + 3]
                text += piece
                sources.append(source_of(story_versions, piece))
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


def generate(n: int, *, seed: int = 1, independent_share: float = 0.2) -> Corpus:
    """A corpus of about ``n`` articles (exactly n unless texts collide) with planted edges."""
    g = _Gen(seed)
    n_indep = round(n * independent_share)
    recent: list[tuple[list[Version], str]] = []
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
    parser.add_argument("n", type=int, nargs="?")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--agreement",
        action="store_true",
        help="print how often two rewrites of one story replace a word by the same synonym",
    )
    args = parser.parse_args()
    if args.agreement:
        same, both = rewrite_agreement(args.seed)
        print(f"sibling rewrites: {same} of {both} words both replaced got the same synonym")
        print(f"agreement {same / both:.3f}")
        return 0
    if args.n is None or args.out is None:
        parser.error("give the number of articles and --out (or --agreement)")
    corpus = generate(args.n, seed=args.seed)
    corpus.write(args.out)
    print(f"{len(corpus.articles)} articles, {len(corpus.edges)} planted edges -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
