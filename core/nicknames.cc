#include "core/nicknames.h"

#include <algorithm>
#include <array>

namespace tandem::core {
namespace {

// Sorted by nickname (a test checks it), so lookups can binary-search.
constexpr std::array<Nickname, 145> kNicknames = {{
    {"abby", "abigail"},      {"al", "alan"},           {"alex", "alexander"},
    {"alf", "alfred"},        {"alfie", "alfred"},      {"andy", "andrew"},
    {"ant", "anthony"},       {"archie", "archibald"},  {"babs", "barbara"},
    {"barney", "bernard"},    {"bart", "bartholomew"},  {"becky", "rebecca"},
    {"ben", "benjamin"},      {"benny", "benjamin"},    {"bernie", "bernard"},
    {"bert", "albert"},       {"beth", "elizabeth"},    {"betty", "elizabeth"},
    {"bill", "william"},      {"billy", "william"},     {"bob", "robert"},
    {"bobby", "robert"},      {"brad", "bradley"},      {"cal", "callum"},
    {"cass", "cassandra"},    {"cathy", "catherine"},   {"charlie", "charles"},
    {"chas", "charles"},      {"chris", "christopher"}, {"chrissie", "christine"},
    {"clare", "clara"},       {"cliff", "clifford"},    {"col", "colin"},
    {"connie", "constance"},  {"dan", "daniel"},        {"danny", "daniel"},
    {"dave", "david"},        {"davey", "david"},       {"davy", "david"},
    {"deb", "deborah"},       {"debbie", "deborah"},    {"del", "derek"},
    {"des", "desmond"},       {"di", "diana"},          {"dick", "richard"},
    {"dom", "dominic"},       {"don", "donald"},        {"dot", "dorothy"},
    {"doug", "douglas"},      {"ed", "edward"},         {"eddie", "edward"},
    {"eddy", "edward"},       {"ellie", "eleanor"},     {"fred", "frederick"},
    {"freddie", "frederick"}, {"gaz", "gareth"},        {"gerry", "gerald"},
    {"greg", "gregory"},      {"gus", "angus"},         {"hal", "henry"},
    {"harry", "henry"},       {"jack", "john"},         {"jackie", "jacqueline"},
    {"jake", "jacob"},        {"jamie", "james"},       {"jan", "janet"},
    {"jeff", "jeffrey"},      {"jen", "jennifer"},      {"jenny", "jennifer"},
    {"jim", "james"},         {"jimmy", "james"},       {"jo", "joanne"},
    {"joe", "joseph"},        {"joey", "joseph"},       {"johnny", "john"},
    {"jon", "jonathan"},      {"jonny", "jonathan"},    {"josh", "joshua"},
    {"kate", "katherine"},    {"kath", "kathleen"},     {"katie", "katherine"},
    {"ken", "kenneth"},       {"kenny", "kenneth"},     {"kev", "kevin"},
    {"kim", "kimberley"},     {"larry", "lawrence"},    {"len", "leonard"},
    {"lenny", "leonard"},     {"les", "leslie"},        {"liz", "elizabeth"},
    {"lizzie", "elizabeth"},  {"lou", "louise"},        {"maggie", "margaret"},
    {"mandy", "amanda"},      {"matt", "matthew"},      {"maz", "mary"},
    {"meg", "margaret"},      {"mick", "michael"},      {"micky", "michael"},
    {"mike", "michael"},      {"mo", "maurice"},        {"nat", "nathan"},
    {"ned", "edward"},        {"nick", "nicholas"},     {"nicky", "nicholas"},
    {"nobby", "norman"},      {"ollie", "oliver"},      {"pam", "pamela"},
    {"pat", "patrick"},       {"patsy", "patricia"},    {"pete", "peter"},
    {"phil", "philip"},       {"rab", "robert"},        {"ray", "raymond"},
    {"reg", "reginald"},      {"rich", "richard"},      {"rick", "richard"},
    {"ricky", "richard"},     {"rob", "robert"},        {"robbie", "robert"},
    {"ron", "ronald"},        {"ronnie", "ronald"},     {"rosie", "rosemary"},
    {"sam", "samuel"},        {"sandy", "alexandra"},   {"steph", "stephanie"},
    {"steve", "stephen"},     {"stevie", "stephen"},    {"stu", "stuart"},
    {"sue", "susan"},         {"suzy", "susan"},        {"ted", "edward"},
    {"terry", "terence"},     {"tim", "timothy"},       {"tom", "thomas"},
    {"tommy", "thomas"},      {"tony", "anthony"},      {"trev", "trevor"},
    {"vic", "victor"},        {"vicky", "victoria"},    {"viv", "vivienne"},
    {"wally", "walter"},      {"will", "william"},      {"willy", "william"},
    {"zak", "zachary"},
}};

}  // namespace

std::span<const Nickname> Nicknames() { return kNicknames; }

std::optional<std::string_view> CanonicalForename(std::string_view nickname) {
  const auto it = std::lower_bound(
      kNicknames.begin(), kNicknames.end(), nickname,
      [](const Nickname& entry, std::string_view key) { return entry.nickname < key; });
  if (it == kNicknames.end() || it->nickname != nickname) return std::nullopt;
  return it->canonical;
}

}  // namespace tandem::core
