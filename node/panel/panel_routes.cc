#include "node/panel/panel_routes.h"

#include <chrono>

#include "node/net/http_error.h"
#include "node/panel/panel_json.h"
#include "node/panel/panel_requests.h"
#include "node/panel/render_html.h"
#include "node/panel/render_json.h"

namespace tandem::node::panel {
namespace {

using namespace core::panel;
using exchange::ApiUser;
using exchange::Role;
using net::HttpRequest;
using net::HttpResponse;

const std::vector<Role> kWriters = {Role::kCoordinator};
const std::vector<Role> kReaders = {Role::kCoordinator, Role::kDpo};

HttpResponse Answer(const Json& body, int status = 200) {
  HttpResponse response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return response;
}

HttpResponse Refused(const Error& error) { return net::ErrorResponse(error); }

// The path's segment `index` ("/v1/panel/cases/C1": 0 v1, 1 panel, 2 cases, 3 C1).
std::string Segment(const HttpRequest& request, std::size_t index) {
  const std::string path = request.target.substr(0, request.target.find('?'));
  std::size_t start = 1;
  for (std::size_t i = 0; i < index; ++i) {
    start = path.find('/', start);
    if (start == std::string::npos) return "";
    ++start;
  }
  return path.substr(start, path.find('/', start) - start);
}

core::Date SystemToday() {
  return core::Date::DayOf(
      std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

struct Handlers {
  const PanelRoutesContext& context;

  core::Date Today() const { return context.today ? context.today() : SystemToday(); }

  static Actor ActorOf(const ApiUser* user) {
    Actor actor;
    if (user != nullptr && !user->name.empty()) actor.name = user->name;
    return actor;
  }

  // `name` from the body, or today when absent.
  Result<core::Date> DateOrToday(const HttpRequest& request, std::string_view name) const {
    auto date = DecodeOptionalDate(request.body, name);
    if (!date) return tl::unexpected(date.error());
    return date->value_or(Today());
  }

  HttpResponse Refer(const HttpRequest& request, const ApiUser* user) const {
    auto referral = DecodePanelReferral(request.body);
    if (!referral) return Refused(referral.error());
    auto outcome = context.service->ReferAndTriage(*referral, ActorOf(user));
    if (!outcome) return Refused(outcome.error());
    Json answer = ReceiptToJson(outcome->receipt);
    if (outcome->triage) answer["triage"] = PackTriageToJson(*outcome->triage);
    if (outcome->triage_error) answer["triage_error"] = outcome->triage_error->message;
    return Answer(answer, outcome->receipt.new_case ? 201 : 200);
  }

  HttpResponse Cases() const {
    Json cases = Json::array();
    auto read = context.service->Read([&](const PanelBook& book, auto) {
      for (const CaseRecord& c : book.cases()) cases.push_back(CaseSummaryToJson(c));
      return Ok();
    });
    if (!read) return Refused(read.error());
    return Answer({{"cases", cases}});
  }

  HttpResponse Case(const HttpRequest& request) const {
    const std::string id = Segment(request, 3);
    Json answer;
    auto read = context.service->ReadState([&](const PanelState& state) -> Status {
      const CaseRecord* c = state.book.FindCase(id);
      if (c == nullptr) return Fail(Code::kNotFound, "no case " + id.substr(0, 40));
      const auto triage = state.triage.find(id);
      answer = CaseToJson(state.book, *c, triage == state.triage.end() ? nullptr : &triage->second);
      return Ok();
    });
    if (!read) return Refused(read.error());
    return Answer(answer);
  }

  HttpResponse Triage(const HttpRequest& request, const ApiUser* user) const {
    auto on = DateOrToday(request, "on");
    if (!on) return Refused(on.error());
    auto triage = context.service->Triage(Segment(request, 3), *on, ActorOf(user));
    if (!triage) return Refused(triage.error());
    return Answer({{"case_id", Segment(request, 3)}, {"triage", PackTriageToJson(*triage)}});
  }

  HttpResponse Close(const HttpRequest& request, const ApiUser* user) const {
    auto close = DecodeCloseRequest(request.body);
    if (!close) return Refused(close.error());
    const std::string id = Segment(request, 3);
    if (auto closed = context.service->CloseCase(id, close->reason, close->on,
                                                 std::move(close->note), ActorOf(user));
        !closed) {
      return Refused(closed.error());
    }
    return Answer({{"case_id", id}, {"state", "closed"}});
  }

  HttpResponse Allocate(const HttpRequest& request, const ApiUser* user) const {
    auto decoded = DecodeAllocationRequest(request.body);
    if (!decoded) return Refused(decoded.error());
    CaseAllocation allocation = std::move(decoded->allocation);
    allocation.case_id = Segment(request, 3);
    allocation.from = decoded->from.value_or(Today());
    if (auto done = context.service->Allocate(allocation, ActorOf(user)); !done) {
      return Refused(done.error());
    }
    return Answer(AllocationToJson(allocation), 201);
  }

  HttpResponse RunRanking(const HttpRequest& request, const ApiUser* user) const {
    auto on = DateOrToday(request, "run_on");
    if (!on) return Refused(on.error());
    auto run = context.service->RunRanking(*on, ActorOf(user));
    if (!run) return Refused(run.error());
    return Answer(RankingRunToJson(*run), 201);
  }

  HttpResponse RankingRuns() const {
    Json runs = Json::array();
    auto read = context.service->Read([&](const PanelBook&, std::span<const RankingRun> all) {
      for (const RankingRun& run : all) {
        Json top = Json::array();
        for (const std::string& subject : TopN(run, 10)) top.push_back(subject);
        runs.push_back({{"id", run.id},
                        {"run_on", run.run_on.ToIso()},
                        {"ranked", run.entries.size()},
                        {"top10", top}});
      }
      return Ok();
    });
    if (!read) return Refused(read.error());
    return Answer({{"runs", runs}});
  }

  HttpResponse RankingRunById(const HttpRequest& request) const {
    const std::string id = Segment(request, 4);
    Json answer;
    auto read = context.service->Read([&](const PanelBook&, std::span<const RankingRun> all) {
      for (const RankingRun& run : all) {
        if (run.id == id) {
          answer = RankingRunToJson(run);
          return Ok();
        }
      }
      return Status(Fail(Code::kNotFound, "no ranking run " + id.substr(0, 40)));
    });
    if (!read) return Refused(read.error());
    return Answer(answer);
  }

  HttpResponse PlanMeeting(const HttpRequest& request, const ApiUser* user) const {
    auto planned = DecodeMeetingRequest(request.body);
    if (!planned) return Refused(planned.error());
    auto meeting =
        context.service->PlanMeeting(std::move(planned->id), planned->held_on, ActorOf(user));
    if (!meeting) return Refused(meeting.error());
    Json answer;
    auto read = context.service->Read([&](const PanelBook& book, auto) {
      answer = MeetingToJson(book, *meeting);
      return Ok();
    });
    if (!read) return Refused(read.error());
    return Answer(answer, 201);
  }

  HttpResponse Meetings() const {
    Json meetings = Json::array();
    auto read = context.service->Read([&](const PanelBook& book, auto) {
      for (const Meeting& m : book.meetings()) meetings.push_back(MeetingToJson(book, m));
      return Ok();
    });
    if (!read) return Refused(read.error());
    return Answer({{"meetings", meetings}});
  }

  HttpResponse MeetingById(const HttpRequest& request) const {
    const std::string id = Segment(request, 3);
    Json answer;
    auto read = context.service->Read([&](const PanelBook& book, auto) -> Status {
      const Meeting* meeting = book.FindMeeting(id);
      if (meeting == nullptr) return Fail(Code::kNotFound, "no meeting " + id.substr(0, 40));
      answer = MeetingToJson(book, *meeting);
      return Ok();
    });
    if (!read) return Refused(read.error());
    return Answer(answer);
  }

  HttpResponse Review(const HttpRequest& request, const ApiUser* user) const {
    auto case_id = DecodeReviewRequest(request.body);
    if (!case_id) return Refused(case_id.error());
    if (auto done = context.service->RecordReview(Segment(request, 3), *case_id, ActorOf(user));
        !done) {
      return Refused(done.error());
    }
    return Answer({{"meeting_id", Segment(request, 3)}, {"case_id", *case_id}});
  }

  HttpResponse AssemblePacks(const HttpRequest& request) const {
    if (!context.assemble) {
      return Refused(Error{Code::kUnavailable, "case-pack assembly is not available on this node"});
    }
    auto prepared_on = DateOrToday(request, "prepared_on");
    if (!prepared_on) return Refused(prepared_on.error());
    auto requests = context.service->PackRequests(Segment(request, 3), *prepared_on);
    if (!requests) return Refused(requests.error());
    Json packs = Json::array();
    for (const PackRequest& pack_request : *requests) {
      auto pack = context.assemble(pack_request);
      if (!pack) {
        packs.push_back({{"case_id", pack_request.case_id}, {"error", pack.error().message}});
        continue;
      }
      Json missing = Json::array();
      for (const MissingItem& item : pack->missing) {
        missing.push_back({{"node", item.node},
                           {"status", ContributionStatusName(item.status)},
                           {"why", item.why}});
      }
      packs.push_back({{"case_id", pack->case_id},
                       {"pack_id", pack->pack_id},
                       {"complete", pack->complete},
                       {"missing", missing}});
    }
    return Answer({{"meeting_id", Segment(request, 3)}, {"packs", packs}});
  }

  Result<std::vector<CasePack>> Latest(const std::string& meeting_id) const {
    if (!context.latest_packs) {
      return Fail(Code::kUnavailable, "case packs are not available on this node");
    }
    return context.latest_packs(meeting_id);
  }

  Result<bool> Withheld(const CasePack& pack) const {
    if (!context.subject_restricted) return false;
    return context.subject_restricted(pack.subject_ref);
  }

  HttpResponse Packs(const HttpRequest& request) const {
    auto packs = Latest(Segment(request, 3));
    if (!packs) return Refused(packs.error());
    Json list = Json::array();
    for (const CasePack& pack : *packs) {
      auto withheld = Withheld(pack);
      if (!withheld) return Refused(withheld.error());
      list.push_back({{"case_id", pack.case_id},
                      {"pack_id", pack.pack_id},
                      {"prepared_on", pack.prepared_on.ToIso()},
                      {"complete", pack.complete},
                      {"withheld", *withheld}});
    }
    return Answer({{"meeting_id", Segment(request, 3)}, {"packs", list}});
  }

  HttpResponse Pack(const HttpRequest& request) const {
    const std::string file = Segment(request, 5);
    const auto dot = file.rfind('.');
    const std::string format = dot == std::string::npos ? "" : file.substr(dot + 1);
    if (format != "json" && format != "html") {
      return Refused(Error{Code::kNotFound, "a case pack is <case>.json or <case>.html"});
    }
    const std::string case_id = file.substr(0, dot);
    auto packs = Latest(Segment(request, 3));
    if (!packs) return Refused(packs.error());
    for (const CasePack& pack : *packs) {
      if (pack.case_id != case_id) continue;
      auto withheld = Withheld(pack);
      if (!withheld) return Refused(withheld.error());
      if (*withheld) {
        return Refused(Error{Code::kPermissionDenied,
                             "the subject of case " + pack.case_id +
                                 " is restricted at this node (tandem store restrict): its pack "
                                 "is withheld until the restriction is lifted"});
      }
      HttpResponse response;
      if (format == "json") {
        response.body = RenderCasePackJson(pack);
      } else {
        response.content_type = "text/html; charset=utf-8";
        response.body = RenderCasePackHtml(pack);
      }
      return response;
    }
    return Refused(Error{Code::kNotFound, "no case pack for case " + case_id.substr(0, 40) +
                                              " at this meeting; assemble the packs first"});
  }

  HttpResponse Decide(const HttpRequest& request, const ApiUser* user) const {
    auto decision = DecodeDecisionRequest(request.body);
    if (!decision) return Refused(decision.error());
    if (auto done = context.service->Decide(*decision, ActorOf(user)); !done) {
      return Refused(done.error());
    }
    return CaseAnswer(decision->case_id, 201);
  }

  // The case's summary after a change.
  HttpResponse CaseAnswer(const std::string& case_id, int status) const {
    Json answer;
    auto read = context.service->Read([&](const PanelBook& book, auto) {
      if (const CaseRecord* c = book.FindCase(case_id)) answer = CaseSummaryToJson(*c);
      return Ok();
    });
    if (!read) return Refused(read.error());
    return Answer(answer, status);
  }

  HttpResponse AddAction(const HttpRequest& request, const ApiUser* user) const {
    auto action = DecodeActionRequest(request.body);
    if (!action) return Refused(action.error());
    auto id = context.service->AddAction(action->meeting_id, action->case_id,
                                         std::move(action->description), action->owner, action->due,
                                         ActorOf(user));
    if (!id) return Refused(id.error());
    return Answer({{"action_id", *id}}, 201);
  }

  HttpResponse Actions() const {
    Json actions = Json::array();
    auto read = context.service->Read([&](const PanelBook& book, auto) {
      for (const Action& a : book.actions()) actions.push_back(ActionToJson(a));
      return Ok();
    });
    if (!read) return Refused(read.error());
    return Answer({{"actions", actions}});
  }

  HttpResponse CompleteAction(const HttpRequest& request, const ApiUser* user) const {
    auto on = DecodeCompleteActionRequest(request.body);
    if (!on) return Refused(on.error());
    const std::string id = Segment(request, 3);
    if (auto done = context.service->CompleteAction(id, *on, ActorOf(user)); !done) {
      return Refused(done.error());
    }
    return Answer({{"action_id", id}, {"completed_on", on->ToIso()}});
  }

  HttpResponse AgreePlan(const HttpRequest& request, const ApiUser* user) const {
    auto plan = DecodePlanRequest(request.body);
    if (!plan) return Refused(plan.error());
    auto version = context.service->AgreePlan(*plan, ActorOf(user));
    if (!version) return Refused(version.error());
    return Answer({{"case_id", plan->case_id}, {"version", *version}}, 201);
  }

  HttpResponse RecordIntervention(const HttpRequest& request, const ApiUser* user) const {
    auto record = DecodeInterventionRecordRequest(request.body);
    if (!record) return Refused(record.error());
    if (auto done = context.service->RecordIntervention(*record, ActorOf(user)); !done) {
      return Refused(done.error());
    }
    return Answer({{"case_id", record->case_id}, {"intervention_id", record->intervention_id}},
                  201);
  }

  HttpResponse CheckMonitoring(const HttpRequest& request, const ApiUser* user) const {
    auto on = DateOrToday(request, "on");
    if (!on) return Refused(on.error());
    auto returned = context.service->CheckMonitoring(*on, ActorOf(user));
    if (!returned) return Refused(returned.error());
    Json list = Json::array();
    for (const MonitoringReturnReport& report : *returned) {
      Json item = {{"case_id", report.case_id}, {"reason", report.reason}};
      if (report.triage) item["triage"] = PackTriageToJson(*report.triage);
      if (report.triage_error) item["triage_error"] = report.triage_error->message;
      list.push_back(std::move(item));
    }
    return Answer({{"checked_on", on->ToIso()}, {"returned_to_triage", list}});
  }

  HttpResponse Catalogue() const {
    Json entries = Json::array();
    auto read = context.service->Read([&](const PanelBook& book, auto) {
      for (const Intervention& i : book.catalogue().entries()) {
        entries.push_back(InterventionToJson(i));
      }
      return Ok();
    });
    if (!read) return Refused(read.error());
    return Answer({{"interventions", entries}});
  }

  HttpResponse ExtendCatalogue(const HttpRequest& request, const ApiUser* user) const {
    auto intervention = DecodeCatalogueEntry(request.body);
    if (!intervention) return Refused(intervention.error());
    if (auto done = context.service->ExtendCatalogue(*intervention, ActorOf(user)); !done) {
      return Refused(done.error());
    }
    return Answer(InterventionToJson(*intervention), 201);
  }
};

}  // namespace

std::vector<runtime::LocalRoute> PanelRoutes(const PanelRoutesContext& context) {
  auto handlers = std::make_shared<Handlers>(Handlers{context});
  using Method = HttpResponse (Handlers::*)(const HttpRequest&, const ApiUser*) const;
  using Read = HttpResponse (Handlers::*)(const HttpRequest&) const;
  using List = HttpResponse (Handlers::*)() const;
  std::vector<runtime::LocalRoute> routes;
  const auto write = [&](const std::string& path, Method method) {
    routes.push_back({"POST", "/v1/panel/" + path, kWriters,
                      [handlers, method](const HttpRequest& request, const ApiUser* user) {
                        return ((*handlers).*method)(request, user);
                      }});
  };
  const auto read = [&](const std::string& path, Read method) {
    routes.push_back({"GET", "/v1/panel/" + path, kReaders,
                      [handlers, method](const HttpRequest& request, const ApiUser*) {
                        return ((*handlers).*method)(request);
                      }});
  };
  const auto list = [&](const std::string& path, List method) {
    routes.push_back({"GET", "/v1/panel/" + path, kReaders,
                      [handlers, method](const HttpRequest&, const ApiUser*) {
                        return ((*handlers).*method)();
                      }});
  };
  write("referrals", &Handlers::Refer);
  list("cases", &Handlers::Cases);
  read("cases/{case}", &Handlers::Case);
  write("cases/{case}/triage", &Handlers::Triage);
  write("cases/{case}/close", &Handlers::Close);
  write("cases/{case}/allocation", &Handlers::Allocate);
  write("ranking/run", &Handlers::RunRanking);
  list("ranking/runs", &Handlers::RankingRuns);
  read("ranking/runs/{run}", &Handlers::RankingRunById);
  write("meetings", &Handlers::PlanMeeting);
  list("meetings", &Handlers::Meetings);
  read("meetings/{meeting}", &Handlers::MeetingById);
  write("meetings/{meeting}/reviews", &Handlers::Review);
  routes.push_back({"POST", "/v1/panel/meetings/{meeting}/packs", kWriters,
                    [handlers](const HttpRequest& request, const ApiUser*) {
                      return handlers->AssemblePacks(request);
                    }});
  read("meetings/{meeting}/packs", &Handlers::Packs);
  read("meetings/{meeting}/packs/{file}", &Handlers::Pack);
  write("decisions", &Handlers::Decide);
  write("actions", &Handlers::AddAction);
  list("actions", &Handlers::Actions);
  write("actions/{action}/complete", &Handlers::CompleteAction);
  write("plans", &Handlers::AgreePlan);
  write("interventions", &Handlers::RecordIntervention);
  write("monitoring/check", &Handlers::CheckMonitoring);
  list("catalogue", &Handlers::Catalogue);
  write("catalogue", &Handlers::ExtendCatalogue);
  return routes;
}

}  // namespace tandem::node::panel
