#include "core/synth/internal/names.h"

#include <array>
#include <map>
#include <string>
#include <vector>

#include "core/nicknames.h"
#include "core/synth/internal/text.h"

namespace tandem::core::synth::internal {
namespace {

// Relative frequencies, roughly hundreds of bearers in England and Wales.
constexpr auto kSurnames = std::to_array<Weighted>({
    {"Smith", 5400},     {"Jones", 4300},     {"Williams", 3000},  {"Taylor", 2700},
    {"Brown", 2600},     {"Davies", 2200},    {"Evans", 1700},     {"Wilson", 1600},
    {"Thomas", 1500},    {"Johnson", 1500},   {"Roberts", 1450},   {"Robinson", 1300},
    {"Thompson", 1250},  {"Wright", 1250},    {"Walker", 1200},    {"White", 1200},
    {"Edwards", 1150},   {"Hughes", 1150},    {"Green", 1100},     {"Hall", 1100},
    {"Lewis", 1050},     {"Harris", 1050},    {"Clarke", 1000},    {"Patel", 1000},
    {"Jackson", 980},    {"Wood", 960},       {"Turner", 930},     {"Martin", 920},
    {"Cooper", 910},     {"Hill", 900},       {"Ward", 880},       {"Morris", 870},
    {"Moore", 860},      {"Clark", 840},      {"Lee", 830},        {"King", 830},
    {"Baker", 820},      {"Harrison", 810},   {"Morgan", 800},     {"Allen", 790},
    {"James", 780},      {"Scott", 770},      {"Phillips", 760},   {"Watson", 750},
    {"Davis", 740},      {"Parker", 730},     {"Price", 720},      {"Bennett", 710},
    {"Young", 700},      {"Griffiths", 690},  {"Mitchell", 680},   {"Kelly", 670},
    {"Cook", 660},       {"Carter", 650},     {"Richardson", 640}, {"Bailey", 630},
    {"Collins", 620},    {"Bell", 610},       {"Shaw", 600},       {"Murphy", 590},
    {"Miller", 580},     {"Cox", 570},        {"Richards", 560},   {"Khan", 560},
    {"Marshall", 550},   {"Anderson", 550},   {"Simpson", 540},    {"Ellis", 530},
    {"Adams", 530},      {"Singh", 520},      {"Begum", 510},      {"Wilkinson", 500},
    {"Foster", 490},     {"Chapman", 480},    {"Powell", 480},     {"Webb", 470},
    {"Rogers", 470},     {"Gray", 460},       {"Mason", 460},      {"Ali", 450},
    {"Hunt", 450},       {"Hussain", 440},    {"Campbell", 440},   {"Matthews", 430},
    {"Owen", 430},       {"Palmer", 420},     {"Holmes", 420},     {"Mills", 410},
    {"Barnes", 410},     {"Knight", 400},     {"Lloyd", 400},      {"Butler", 400},
    {"Russell", 390},    {"Barker", 390},     {"Fisher", 390},     {"Stevens", 380},
    {"Jenkins", 380},    {"Murray", 380},     {"Dixon", 370},      {"Harvey", 370},
    {"Graham", 360},     {"Pearson", 360},    {"Ahmed", 360},      {"Fletcher", 350},
    {"Walsh", 350},      {"Kaur", 350},       {"Gibson", 340},     {"Howard", 340},
    {"Andrews", 340},    {"Stewart", 330},    {"Elliott", 330},    {"Reynolds", 330},
    {"Saunders", 320},   {"Payne", 320},      {"Fox", 320},        {"Ford", 310},
    {"Pearce", 310},     {"Day", 310},        {"Brooks", 300},     {"West", 300},
    {"Lawrence", 300},   {"Cole", 300},       {"Atkinson", 290},   {"Bradley", 290},
    {"Spencer", 290},    {"Gill", 280},       {"Dawson", 280},     {"Ball", 280},
    {"Burton", 280},     {"O'Brien", 270},    {"Watts", 270},      {"Rose", 270},
    {"Booth", 270},      {"Perry", 260},      {"Ryan", 260},       {"Grant", 260},
    {"Wells", 260},      {"Armstrong", 250},  {"Francis", 250},    {"Rees", 250},
    {"Hayes", 250},      {"Hart", 250},       {"Hudson", 240},     {"Newman", 240},
    {"Barrett", 240},    {"Webster", 240},    {"Hunter", 240},     {"Gregory", 230},
    {"Carr", 230},       {"Lowe", 230},       {"Page", 230},       {"Marsh", 230},
    {"Riley", 220},      {"Dunn", 220},       {"Woods", 220},      {"Parsons", 220},
    {"Berry", 220},      {"Stone", 210},      {"Reid", 210},       {"Holland", 210},
    {"Hawkins", 210},    {"Harding", 210},    {"Porter", 200},     {"Robertson", 200},
    {"Newton", 200},     {"Oliver", 200},     {"Reed", 200},       {"Kennedy", 200},
    {"Williamson", 200}, {"Bird", 190},       {"Gardner", 190},    {"Shah", 190},
    {"Dean", 190},       {"Lane", 190},       {"Cooke", 190},      {"Bates", 190},
    {"Henderson", 190},  {"Parry", 180},      {"Burgess", 180},    {"Bishop", 180},
    {"Walton", 180},     {"Burns", 180},      {"Nicholson", 180},  {"Shepherd", 180},
    {"Ross", 180},       {"Cross", 170},      {"Long", 170},       {"Freeman", 170},
    {"Warren", 170},     {"Nicholls", 170},   {"Hamilton", 170},   {"Byrne", 170},
    {"Sutton", 170},     {"McDonald", 170},   {"Yates", 160},      {"Hodgson", 160},
    {"Robson", 160},     {"Curtis", 160},     {"Hopkins", 160},    {"O'Connor", 160},
    {"Harper", 160},     {"Coleman", 160},    {"Watkins", 160},    {"Moss", 150},
    {"McCarthy", 150},   {"Chambers", 150},   {"O'Neill", 150},    {"Griffin", 150},
    {"Sharp", 150},      {"Hardy", 150},      {"Wheeler", 150},    {"Potter", 150},
    {"Osborne", 150},    {"Johnston", 140},   {"Gordon", 140},     {"Doyle", 140},
    {"Wallace", 140},    {"George", 140},     {"Jordan", 140},     {"Hutchinson", 140},
    {"Rowe", 140},       {"Burke", 140},      {"May", 140},        {"Pritchard", 130},
    {"Gilbert", 130},    {"Willis", 130},     {"Higgins", 130},    {"Read", 130},
    {"Miles", 130},      {"Stevenson", 130},  {"Stephenson", 130}, {"Hammond", 130},
    {"Arnold", 130},     {"Buckley", 120},    {"Walters", 120},    {"Hewitt", 120},
    {"Barber", 120},     {"Nelson", 120},     {"Slater", 120},     {"Austin", 120},
    {"Sullivan", 120},   {"Whitehead", 120},  {"Mann", 120},       {"Frost", 120},
    {"Lambert", 120},    {"Stephens", 110},   {"Blake", 110},      {"Akhtar", 110},
    {"Lynch", 110},      {"Goodwin", 110},    {"Barton", 110},     {"Woodward", 110},
    {"Thomson", 110},    {"Cunningham", 110}, {"Quinn", 110},      {"Barnett", 110},
    {"Baxter", 110},     {"Bibi", 100},       {"Clayton", 100},    {"Nash", 100},
    {"Greenwood", 100},  {"Jennings", 100},   {"Holt", 100},       {"Kemp", 100},
    {"Poole", 100},      {"Gallagher", 100},  {"Bond", 100},       {"Stokes", 100},
    {"Tucker", 100},     {"Davidson", 100},   {"Fowler", 100},     {"Heath", 100},
    {"Norman", 100},     {"Middleton", 100},  {"Lawson", 90},      {"Banks", 90},
    {"French", 90},      {"Stanley", 90},     {"Jarvis", 90},      {"Gibbs", 90},
    {"Ferguson", 90},    {"Hayward", 90},     {"Carroll", 90},     {"Douglas", 90},
    {"Dickinson", 90},   {"Todd", 90},        {"Barlow", 90},      {"Peters", 90},
    {"Lucas", 90},       {"Knowles", 90},     {"Hartley", 90},     {"Miah", 90},
    {"Simmons", 80},     {"Morton", 80},      {"Alexander", 80},   {"Field", 80},
    {"Morrison", 80},    {"Norris", 80},      {"Townsend", 80},    {"Preston", 80},
    {"Hancock", 80},     {"Thornton", 80},    {"Baldwin", 80},     {"Burrows", 80},
    {"Briggs", 80},      {"Storey", 80},      {"Pugh", 70},        {"Mellor", 70},
    {"Vaughan", 70},     {"MacDonald", 70},   {"McKenzie", 60},    {"MacKenzie", 40},
    {"McLean", 60},      {"MacLean", 40},     {"McLeod", 40},      {"MacLeod", 30},
    {"McLaughlin", 50},  {"McGregor", 40},    {"MacGregor", 25},   {"Fitzgerald", 60},
    {"Fitzpatrick", 50}, {"O'Sullivan", 60},  {"O'Donnell", 50},   {"O'Reilly", 50},
    {"O'Leary", 30},     {"D'Souza", 20},     {"D'Arcy", 15},      {"de Souza", 10},
    {"de la Cruz", 6},   {"van der Berg", 5}, {"de Silva", 8},     {"Nowak", 40},
    {"Kowalski", 20},    {"Kowalczyk", 15},   {"Wiśniewski", 15},  {"Wójcik", 15},
    {"Lewandowski", 12}, {"Dąbrowski", 10},   {"Zieliński", 10},   {"Nguyen", 30},
    {"Rodríguez", 10},   {"García", 10},      {"Fernandes", 20},   {"Silva", 25},
    {"Pereira", 15},     {"Müller", 5},       {"Öztürk", 5},       {"Prosser", 40},
    {"Llewellyn", 40},   {"Pryce", 30},       {"Bevan", 50},       {"Probert", 20},
});

// The ~350 surnames above carry about a third of people; England and Wales have some 270,000
// surnames, and Smith alone is about 1.3% of people. The rest is a long tail made from
// English toponymic parts (Ash + worth, Brad + shaw): rarer each, many in all, so that
// unrelated people share a surname about as often as they do in real data.
constexpr auto kTailHeads = std::to_array<std::string_view>(
    {"Ash",  "Ax",   "Bar",   "Black", "Brad", "Bram",  "Brock", "Brom",  "Cal",  "Cart", "Chad",
     "Chat", "Chil", "Clay",  "Cliff", "Cold", "Crans", "Cress", "Dal",   "Den",  "Dun",  "Ed",
     "Elm",  "Far",  "Fen",   "Ford",  "Gar",  "Glad",  "Gold",  "Green", "Grim", "Hal",  "Ham",
     "Har",  "Hart", "Hazel", "Hol",   "Hun",  "Kings", "Kir",   "Lang",  "Lath", "Led",  "Lid",
     "Lind", "Long", "Mal",   "Mar",   "Mel",  "Mid",   "Mill",  "Moor",  "New",  "Nor",  "Oak",
     "Ol",   "Pem",  "Pen",   "Rad",   "Rams", "Red",   "Rock",  "Rom",   "Row",  "Sal",  "Sand",
     "Sher", "Shel", "Stan",  "Stock", "Sud",  "Thorn", "Tun",   "Wad",   "Wal",  "War",  "Wes",
     "Whit", "Wick", "Wind",  "Wol",   "Wood"});
constexpr auto kTailEnds = std::to_array<std::string_view>(
    {"bourne", "brook", "bury",  "by",   "combe", "cote", "croft", "dale",  "den",
     "don",    "field", "ford",  "gate", "grave", "ham",  "hill",  "hurst", "ington",
     "land",   "ley",   "low",   "man",  "mere",  "more", "mott",  "ridge", "shaw",
     "stead",  "stock", "stone", "ton",  "wall",  "well", "wick",  "win",   "wood",
     "worth",  "ard",   "er",    "ett",  "ock"});
constexpr double kSmithShare = 0.013;

struct SurnameTable {
  std::vector<std::string> tail_names;
  std::vector<Weighted> items;
};

const SurnameTable& BuildSurnames() {
  static const SurnameTable table = [] {
    SurnameTable t;
    std::uint64_t listed = 0;
    for (const auto& w : kSurnames) listed += w.weight;
    const auto total = static_cast<std::uint64_t>(kSurnames[0].weight / kSmithShare);
    t.tail_names.reserve(kTailHeads.size() * kTailEnds.size());
    for (std::string_view head : kTailHeads) {
      for (std::string_view end : kTailEnds)
        t.tail_names.push_back(std::string(head) + std::string(end));
    }
    const auto tail_weight = static_cast<std::uint32_t>((total - listed) / t.tail_names.size());
    t.items.assign(kSurnames.begin(), kSurnames.end());
    for (const std::string& name : t.tail_names) t.items.push_back({name, tail_weight});
    return t;
  }();
  return table;
}

// Adult population born 1935-2008: popularity across those decades, not one year's chart.
constexpr auto kMaleForenames = std::to_array<Weighted>({
    {"David", 900},    {"John", 800},     {"Michael", 750}, {"Paul", 700},
    {"James", 650},    {"Andrew", 650},   {"Mark", 620},    {"Christopher", 550},
    {"Robert", 520},   {"Richard", 500},  {"Daniel", 480},  {"Stephen", 480},
    {"Peter", 450},    {"Thomas", 420},   {"Matthew", 420}, {"Ian", 350},
    {"Gary", 330},     {"Anthony", 300},  {"William", 300}, {"Lee", 280},
    {"Ryan", 280},     {"Alan", 280},     {"Simon", 260},   {"Kevin", 260},
    {"Martin", 260},   {"Jack", 260},     {"Craig", 250},   {"Darren", 250},
    {"Liam", 250},     {"George", 250},   {"Joshua", 240},  {"Jason", 220},
    {"Adam", 220},     {"Neil", 220},     {"Wayne", 200},   {"Jamie", 200},
    {"Graham", 200},   {"Luke", 200},     {"Joseph", 200},  {"Harry", 200},
    {"Philip", 200},   {"Dean", 180},     {"Samuel", 180},  {"Brian", 180},
    {"Nicholas", 180}, {"Jonathan", 180}, {"Scott", 170},   {"Benjamin", 170},
    {"Keith", 170},    {"Carl", 160},     {"Callum", 160},  {"Alexander", 160},
    {"Stuart", 160},   {"Shaun", 150},    {"Connor", 150},  {"Nathan", 150},
    {"Edward", 150},   {"Colin", 150},    {"Oliver", 150},  {"Jordan", 130},
    {"Barry", 130},    {"Kieran", 120},   {"Aaron", 120},   {"Gareth", 120},
    {"Raymond", 120},  {"Kenneth", 120},  {"Charles", 120}, {"Timothy", 120},
    {"Jacob", 120},    {"Mohammed", 120}, {"Bradley", 110}, {"Terence", 100},
    {"Trevor", 100},   {"Derek", 100},    {"Patrick", 100}, {"Sean", 100},
    {"Kyle", 90},      {"Roy", 90},       {"Henry", 90},    {"Dale", 80},
    {"Dennis", 80},    {"Ronald", 80},    {"Gordon", 80},   {"Dominic", 80},
    {"Muhammad", 80},  {"Charlie", 80},   {"Leonard", 60},  {"Rhys", 60},
    {"Dylan", 60},     {"Owen", 60},      {"Tyler", 60},    {"Frederick", 50},
    {"Gregory", 50},   {"Bernard", 50},   {"Douglas", 50},  {"Gerald", 50},
    {"Norman", 50},    {"Zachary", 50},   {"Marcus", 50},   {"Lawrence", 40},
    {"Clifford", 40},  {"Victor", 40},    {"Declan", 40},   {"Alfie", 40},
    {"Walter", 30},    {"Ahmed", 30},     {"Maurice", 30},  {"Alfred", 30},
    {"Reginald", 25},  {"Łukasz", 25},    {"Piotr", 25},    {"Tomasz", 25},
    {"Desmond", 20},   {"Krzysztof", 15}, {"Angus", 15},    {"José", 10},
    {"Seán", 10},      {"Rémi", 3},
});

constexpr auto kFemaleForenames = std::to_array<Weighted>({
    {"Sarah", 700},     {"Emma", 550},       {"Claire", 450},    {"Susan", 450},
    {"Laura", 420},     {"Nicola", 400},     {"Lisa", 400},      {"Karen", 400},
    {"Julie", 400},     {"Helen", 400},      {"Michelle", 380},  {"Rachel", 380},
    {"Rebecca", 380},   {"Joanne", 350},     {"Amy", 350},       {"Charlotte", 350},
    {"Elizabeth", 350}, {"Margaret", 350},   {"Hannah", 330},    {"Sophie", 320},
    {"Jessica", 300},   {"Victoria", 300},   {"Patricia", 300},  {"Linda", 300},
    {"Mary", 300},      {"Lauren", 280},     {"Samantha", 280},  {"Amanda", 280},
    {"Louise", 280},    {"Emily", 260},      {"Chloe", 250},     {"Catherine", 250},
    {"Deborah", 250},   {"Jennifer", 250},   {"Lucy", 250},      {"Christine", 250},
    {"Angela", 230},    {"Jacqueline", 220}, {"Natalie", 220},   {"Gemma", 220},
    {"Zoe", 200},       {"Kelly", 200},      {"Katherine", 200}, {"Megan", 200},
    {"Anne", 200},      {"Janet", 200},      {"Carol", 200},     {"Sandra", 200},
    {"Alison", 200},    {"Danielle", 180},   {"Stephanie", 180}, {"Olivia", 180},
    {"Barbara", 180},   {"Donna", 170},      {"Tracy", 170},     {"Stacey", 150},
    {"Jade", 150},      {"Leanne", 150},     {"Holly", 150},     {"Pamela", 150},
    {"Jean", 150},      {"Wendy", 150},      {"Paula", 150},     {"Kerry", 130},
    {"Georgia", 130},   {"Dawn", 130},       {"Ruth", 130},      {"Kimberley", 120},
    {"Ellie", 120},     {"Abigail", 120},    {"Tina", 110},      {"Amelia", 100},
    {"Dorothy", 100},   {"Eleanor", 100},    {"Alexandra", 100}, {"Kathleen", 100},
    {"Anna", 100},      {"Kirsty", 100},     {"Bethany", 100},   {"Caitlin", 90},
    {"Jasmine", 80},    {"Maria", 80},       {"Diana", 70},      {"Rosemary", 70},
    {"Naomi", 60},      {"Fatima", 40},      {"Aisha", 40},      {"Vivienne", 30},
    {"Siân", 30},       {"Zoë", 30},         {"Priya", 30},      {"Clara", 30},
    {"Niamh", 25},      {"Agnieszka", 20},   {"Shauna", 20},     {"Aoife", 15},
    {"Małgorzata", 12}, {"Chloé", 10},       {"Renée", 10},      {"Constance", 10},
    {"Cassandra", 10},  {"Zofia", 8},        {"Anaïs", 3},
});

// canonical forename -> its nicknames, built once from core/nicknames.h.
const std::map<std::string, std::vector<std::string_view>, std::less<>>& NicknameIndex() {
  static const auto index = [] {
    std::map<std::string, std::vector<std::string_view>, std::less<>> map;
    for (const Nickname& entry : Nicknames()) {
      map[std::string(entry.canonical)].push_back(entry.nickname);
    }
    return map;
  }();
  return index;
}

}  // namespace

const WeightedList& Surnames() {
  static const WeightedList list{BuildSurnames().items};
  return list;
}

const WeightedList& MaleForenames() {
  static const WeightedList list{kMaleForenames};
  return list;
}

const WeightedList& FemaleForenames() {
  static const WeightedList list{kFemaleForenames};
  return list;
}

std::span<const std::string_view> NicknamesOf(std::string_view forename) {
  const auto& index = NicknameIndex();
  const auto it = index.find(ToLower(FoldAccents(forename)));
  if (it == index.end()) return {};
  return it->second;
}

}  // namespace tandem::core::synth::internal
