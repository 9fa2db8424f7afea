#include "agency-adapters/internal/common_forenames.h"

#include <algorithm>
#include <array>

namespace tandem::adapters::internal {
namespace {

// Sorted (a test checks it) for binary search. Many are also surnames (James, Thomas, Dean,
// Scott, Lewis): a single such word is read as a forename, a documented limit.
constexpr std::array<std::string_view, 295> kForenames = {
    "aaron",       "abdul",     "adam",      "adrian",   "ahmed",     "aidan",     "alan",
    "albert",      "alex",      "alexander", "alfie",    "alice",     "alison",    "amanda",
    "amber",       "amelia",    "amy",       "andrea",   "andrew",    "angela",    "ann",
    "anna",        "anne",      "anthony",   "arthur",   "ashley",    "barbara",   "barry",
    "ben",         "benjamin",  "bernard",   "beth",     "bethany",   "billy",     "bradley",
    "brandon",     "brenda",    "brian",     "bruce",    "callum",    "calvin",    "cameron",
    "carl",        "carly",     "carol",     "caroline", "catherine", "charles",   "charlie",
    "charlotte",   "chelsea",   "chloe",     "chris",    "christian", "christina", "christine",
    "christopher", "claire",    "clare",     "colin",    "connor",    "craig",     "daisy",
    "dale",        "daniel",    "danielle",  "darren",   "david",     "dawn",      "dean",
    "debbie",      "deborah",   "declan",    "denise",   "dennis",    "derek",     "diane",
    "dominic",     "donna",     "douglas",   "dylan",    "edward",    "eileen",    "elaine",
    "eleanor",     "elizabeth", "ella",      "ellie",    "emily",     "emma",      "eric",
    "ethan",       "evelyn",    "frances",   "frank",    "fred",      "gail",      "gareth",
    "gary",        "gavin",     "gemma",     "geoffrey", "george",    "georgia",   "gerald",
    "gillian",     "glen",      "glenn",     "gordon",   "grace",     "graham",    "gregory",
    "hannah",      "harry",     "harvey",    "hayley",   "heather",   "helen",     "henry",
    "holly",       "howard",    "hugh",      "iain",     "ian",       "imran",     "isaac",
    "isabel",      "isabella",  "jack",      "jackie",   "jacob",     "jade",      "jake",
    "james",       "jamie",     "jane",      "janet",    "janice",    "jasmine",   "jason",
    "jay",         "jayden",    "jean",      "jeffrey",  "jennifer",  "jenny",     "jeremy",
    "jessica",     "joan",      "joanne",    "jodie",    "joe",       "joel",      "john",
    "jonathan",    "jordan",    "joseph",    "josh",     "joshua",    "joyce",     "judith",
    "julia",       "julie",     "justin",    "karen",    "karl",      "kate",      "katherine",
    "kathleen",    "kayleigh",  "keith",     "kelly",    "kenneth",   "kerry",     "kevin",
    "kieran",      "kim",       "kirsty",    "kyle",     "laura",     "lauren",    "leah",
    "leanne",      "lee",       "leon",      "leslie",   "lewis",     "liam",      "linda",
    "lisa",        "logan",     "louis",     "louise",   "lucy",      "luke",      "lynn",
    "lynne",       "marc",      "margaret",  "maria",    "marie",     "mark",      "martin",
    "mary",        "matthew",   "maureen",   "megan",    "melanie",   "michael",   "michelle",
    "mohammad",    "mohammed",  "molly",     "muhammad", "natalie",   "nathan",    "neil",
    "nicholas",    "nicola",    "nigel",     "noah",     "oliver",    "olivia",    "owen",
    "pamela",      "patricia",  "patrick",   "paul",     "paula",     "pauline",   "peter",
    "philip",      "phillip",   "rachel",    "raymond",  "rebecca",   "reece",     "rhys",
    "richard",     "rita",      "robert",    "robin",    "roger",     "ronald",    "rosie",
    "ross",        "roy",       "russell",   "ruth",     "ryan",      "sally",     "samantha",
    "samuel",      "sandra",    "sarah",     "scott",    "sean",      "shane",     "shannon",
    "sharon",      "shaun",     "sheila",    "simon",    "sophie",    "stacey",    "stanley",
    "stephanie",   "stephen",   "steven",    "stewart",  "stuart",    "susan",     "suzanne",
    "tanya",       "terence",   "teresa",    "thomas",   "timothy",   "toby",      "tom",
    "tony",        "tracey",    "tracy",     "trevor",   "tyler",     "valerie",   "vanessa",
    "victoria",    "vincent",   "wayne",     "wendy",    "william",   "yvonne",    "zachary",
    "zoe",
};

}  // namespace

std::span<const std::string_view> CommonForenames() { return kForenames; }

bool IsCommonForename(std::string_view word) {
  return std::binary_search(kForenames.begin(), kForenames.end(), word);
}

}  // namespace tandem::adapters::internal
