#include "node/runtime/node.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "agency-adapters/offence_table_reader.h"
#include "node/audit/messages.h"
#include "node/endpoints/audit_routes.h"
#include "node/endpoints/contribution_route.h"
#include "node/endpoints/handle_table.h"
#include "node/endpoints/match_route.h"
#include "node/endpoints/oprf_route.h"
#include "node/endpoints/outcome_route.h"
#include "node/endpoints/remote_evaluator.h"
#include "node/endpoints/shared_store.h"
#include "node/exchange/api_tokens.h"
#include "node/exchange/inbound.h"
#include "node/exchange/isa_reloader.h"
#include "node/identity_key.h"
#include "node/isa/isa_history.h"
#include "node/isa/isa_installer.h"
#include "node/isa/isa_policy.h"
#include "node/isa/quota_counter.h"
#include "node/linkage/match_model_file.h"
#include "node/net/http_error.h"
#include "node/net/https_server.h"
#include "node/net/tls_context.h"
#include "node/panel/case_pack_assembler.h"
#include "node/panel/delivered_routes.h"
#include "node/panel/outcome_sync.h"
#include "node/panel/pack_retention.h"
#include "node/panel/pack_store.h"
#include "node/panel/panel_routes.h"
#include "node/panel/panel_service.h"
#include "node/panel/referral_submit.h"
#include "node/panel/rfgv_file.h"
#include "node/runtime/audit_outbox.h"
#include "node/runtime/eval_wiring.h"
#include "node/runtime/local_api.h"
#include "node/runtime/referral_api.h"
#include "node/store/atomic_file.h"
#include "node/store/data_dir.h"
#include "node/tokens/node_share.h"

namespace tandem::node::runtime {
namespace {

using exchange::Role;

// Handles for contribution requests stay valid for a panel cycle.
constexpr std::chrono::hours kHandleLifetime{24 * 35};

net::HttpResponse JsonResponse(const nlohmann::json& body) {
  net::HttpResponse response;
  response.body = body.dump();
  return response;
}

Status WritePorts(const std::filesystem::path& dir, std::uint16_t peer, std::uint16_t local) {
  auto writer = store::AtomicFileWriter::Create(dir / kPortsFileName, 0644);
  if (!writer) return tl::unexpected(writer.error());
  const nlohmann::json ports = {{"peer", peer}, {"local", local}};
  if (auto written = (*writer)->Write(ports.dump() + "\n"); !written) return written;
  return (*writer)->Commit();
}

// The outbox's own connection to the store, holding the data directory's opener lock.
Result<std::unique_ptr<AuditOutbox>> OpenOutbox(const std::filesystem::path& dir,
                                                store::DataDirKey& key, audit::AuditLog& log) {
  auto store = store::Store::Open(dir / store::kStoreFileName, key.key, {.cache_kib = 1024});
  if (!store) return tl::unexpected(store.error());
  if (key.opener) (*store)->HoldWhileOpen(std::move(*key.opener));
  return std::make_unique<AuditOutbox>(std::move(*store), &log);
}

}  // namespace

struct Node::Impl {
  NodeConfig config;
  NodeOptions options;
  std::unique_ptr<store::Store> store;
  std::optional<crypto::SigningKey> identity;
  std::unique_ptr<audit::AuditLog> audit;
  std::unique_ptr<AuditOutbox> outbox;  // after `store` and `audit`, so closed before them
  std::unique_ptr<exchange::CurrentPolicy> policy;
  exchange::NonceCache nonces;
  std::unique_ptr<isa::QuotaCounter> quotas;
  Metrics metrics;
  std::optional<tokens::NodeShare> share;
  std::optional<linkage::MatchModelFile> model;
  std::unique_ptr<endpoints::SharedStore> shared_store;
  std::unique_ptr<endpoints::HandleTable> handles;
  std::shared_ptr<net::PeerPins> pins;
  std::unique_ptr<exchange::PeerExchange> peers;
  std::unique_ptr<exchange::InboundPipeline> inbound;
  std::unique_ptr<exchange::IsaReloader> reloader;
  std::optional<tokens::Tokeniser> tokeniser;
  ReferralApiContext referral_context;
  // Delivered interventions, outcome requests and partner referrals (docs/panel.md).
  core::panel::InterventionCatalogue delivered_catalogue =
      core::panel::InterventionCatalogue::Default();
  PartnerMatchContext partner_matching;
  panel::OutcomeSyncContext outcome_sync;
  // The panel book and its routes, at a police node only (docs/panel.md).
  std::unique_ptr<panel::PanelService> panel_service;
  std::unique_ptr<panel::CasePackAssembler> pack_assembler;
  panel::PanelRoutesContext panel_context;
  std::unique_ptr<EvalApi> eval_api;  // the evaluator's routes (docs/evaluation.md)
  std::unique_ptr<net::HttpsServer> server;

  // One witnessing round at a time: a peer co-signs only checkpoints that extend the last one
  // it co-signed, so two overlapping rounds would have it refuse the older one.
  std::mutex round_mutex;
  // The background loops (witnessing, the audit outbox, retention) sleep on `loop_wake` until
  // `stopping`.
  std::mutex loop_mutex;
  std::condition_variable loop_wake;
  bool stopping = false;
  std::thread witness_thread;
  std::thread outbox_thread;
  std::thread retention_thread;
  // Set while the agreement in force is not yet in the ISA history (the store was busy when it
  // came into force); the outbox loop tries again.
  std::atomic<bool> isa_unrecorded = false;

  exchange::ExchangeContext Context() {
    exchange::ExchangeContext context;
    context.self = config.node_id;
    context.signing_key = &*identity;
    context.policy = policy.get();
    context.nonces = &nonces;
    context.quotas = quotas.get();
    context.audit = audit.get();
    context.metrics = &metrics;
    context.clock = options.clock;
    return context;
  }

  // The replay guard and the day's quota counts, from what the log recorded.
  Status RebuildFromAudit() {
    const protocol::Seconds now = options.clock();
    const auto horizon = exchange::ReplayHorizon(protocol::OpenPolicy{});
    const protocol::Seconds day_start = std::chrono::time_point_cast<std::chrono::days>(now);
    auto entries = audit->EntriesSince(std::min(now - horizon, day_start));
    if (!entries) return tl::unexpected(entries.error());
    for (const audit::AuditEntry& entry : *entries) {
      if (entry.kind != "exchange-in") continue;
      if (entry.at >= now - horizon) {
        if (auto nonce = protocol::Nonce::FromHex(entry.nonce)) {
          nonces.Seed(entry.peer, *nonce, entry.at + horizon);
        }
      }
      if (entry.at >= day_start && entry.outcome == "ok") {
        quotas->Seed(entry.peer, entry.purpose, entry.at, 1);
      }
    }
    return Ok();
  }

  std::vector<exchange::KindRoute> PeerRoutes() {
    std::vector<exchange::KindRoute> routes = endpoints::AuditRoutes(*audit);
    if (share) routes.push_back(endpoints::OprfRoute(share->share));
    if (model) {
      routes.push_back(endpoints::MatchRoute(*shared_store, *model, *handles, options.clock));
    }
    routes.push_back(
        endpoints::ContributionRoute(*shared_store, *handles, config.node_id, options.clock));
    routes.push_back(
        endpoints::OutcomeRoute(*shared_store, *handles, config.node_id, options.clock));
    routes.push_back(endpoints::EvaluationRoute(*handles, DeliveredFromJournal(*shared_store),
                                                config.node_id, options.clock));
    // A partner's referral reaches the panel service, opened after these routes are made.
    routes.push_back(panel::ReferralSubmitKindRoute(
        *shared_store, model ? &*model : nullptr, "police_nominals",
        [this](const core::panel::Referral& referral) -> Result<core::panel::ReferralReceipt> {
          if (!panel_service) return Fail(Code::kNotFound, "this node runs no panel");
          // The reason and referrer are the partner's, kept as the ISA's retention says.
          return panel_service->Refer(referral, {.received_for = std::string(kMatchPurpose)});
        },
        options.clock));
    return routes;
  }

  // With a key share, this node can tokenise through the partnership: itself first, then the
  // other holders in key order.
  Status CreateTokeniser() {
    if (!share) return Ok();
    const tokens::PartnershipKey& key = share->partnership;
    auto evaluator = std::make_shared<endpoints::RemoteEvaluator>(
        peers.get(), config.node_id, key.names, key.key.epoch(), &share->share);
    tokens::Tokeniser::Options order;
    order.names = key.names;
    const std::uint32_t own = share->share.holder();
    order.holders.push_back(own);
    for (std::uint32_t holder = 1; holder <= key.key.holders(); ++holder) {
      if (holder != own) order.holders.push_back(holder);
    }
    auto created = tokens::Tokeniser::Create(key.key, std::move(evaluator), std::move(order));
    if (!created) return tl::unexpected(created.error());
    tokeniser.emplace(std::move(*created));
    referral_context.self = config.node_id;
    referral_context.policy = policy.get();
    referral_context.peers = peers.get();
    referral_context.store = shared_store.get();
    referral_context.tokeniser = &*tokeniser;
    referral_context.open_store = [this]() -> Result<std::unique_ptr<store::Store>> {
      store::KeyOptions key_options;
      key_options.key_file = config.store_key_file;
      auto opened = store::OpenDataDir(config.data_dir, key_options,
                                       {.cache_kib = config.store_cache_mib * 1024});
      if (!opened) return tl::unexpected(opened.error());
      return std::move(opened->store);
    };
    return Ok();
  }

  // The coordinator's panel runs at the node whose ISA party is the police: the book is
  // replayed from the store's panel journal; packs need the partnership key (the tokeniser).
  Status OpenPanel() {
    const auto current = policy->Get();
    const protocol::IsaParty* party = current->Party(config.node_id);
    if (party == nullptr || party->agency_kind != "police") return Ok();
    panel::PanelServiceOptions panel_options;
    panel_options.audit = audit.get();
    panel_options.clock = options.clock;
    panel_options.isa = [this] {
      const auto now = policy->Get();
      return std::pair<std::string, std::int64_t>(now->isa().id.value(),
                                                  static_cast<std::int64_t>(now->isa().version));
    };
    core::panel::TriageConfig triage;
    if (config.rfgv_file) {
      auto rfgv = panel::ReadRfgvConfig(*config.rfgv_file);
      if (!rfgv) return Fail(rfgv.error().code, "panel.rfgv_file: " + rfgv.error().message);
      triage.rfgv = std::move(*rfgv);
    }
    if (config.offence_table_file) {
      auto offences = adapters::ReadOffenceTable(*config.offence_table_file);
      if (!offences) {
        return Fail(offences.error().code, "panel.offence_table_file: " + offences.error().message);
      }
      triage.offences = std::move(*offences);
    }
    auto service =
        panel::PanelService::Open(*shared_store, {}, std::move(triage), std::move(panel_options));
    if (!service) return Fail(service.error().code, "panel journal: " + service.error().message);
    panel_service = std::move(*service);
    panel_context.service = panel_service.get();
    panel_context.latest_packs = [this](std::string_view meeting_id) {
      return shared_store->With([&](store::Store& s) { return panel::LatestPacks(s, meeting_id); });
    };
    panel_context.subject_restricted = [this](std::string_view subject_ref) {
      return shared_store->With(
          [&](store::Store& s) { return panel::SubjectRestricted(s, subject_ref); });
    };
    if (tokeniser) {
      pack_assembler =
          std::make_unique<panel::CasePackAssembler>(referral_context.Matching(), options.clock);
      panel_context.assemble = [this](const panel::PackRequest& request) {
        return pack_assembler->Assemble(request);
      };
    }
    return Ok();
  }

  std::vector<LocalRoute> LocalRoutes(Node* node) {
    std::vector<LocalRoute> routes = BasicRoutes(node);
    routes.push_back(
        panel::DeliveredInterventionRoute(*shared_store, delivered_catalogue, options.clock));
    if (tokeniser) {
      for (LocalRoute& route : ReferralRoutes(referral_context)) routes.push_back(std::move(route));
      partner_matching = referral_context.Matching();
      routes.push_back(panel::ReferralSubmitRoute(partner_matching));
    }
    if (panel_service) {
      for (LocalRoute& route : panel::PanelRoutes(panel_context))
        routes.push_back(std::move(route));
    }
    if (panel_service) {
      eval_api = MakeEvalApi({config.node_id, policy.get(), &*identity, panel_service.get(),
                              shared_store.get(), peers.get(),
                              tokeniser ? std::optional(referral_context.Matching()) : std::nullopt,
                              options.clock});
      for (LocalRoute& route : eval_api->Routes()) routes.push_back(std::move(route));
    }
    if (panel_service && tokeniser) {
      outcome_sync = panel::PanelServiceOutcomeSync(referral_context.Matching(), *panel_service);
      routes.push_back(panel::OutcomeSyncRoute(outcome_sync));
    }
    return routes;
  }

  std::vector<LocalRoute> BasicRoutes(Node* node) {
    const std::vector<Role> kAuditors = {Role::kDpo, Role::kAdmin};
    return {
        {"GET",
         "/health",
         {},
         [](const net::HttpRequest&, const exchange::ApiUser*) {
           return JsonResponse({{"status", "ok"}});
         }},
        {"GET", "/metrics", kAuditors,
         [this](const net::HttpRequest&, const exchange::ApiUser*) {
           metrics.Set("tandem_audit_entries", static_cast<double>(audit->size()));
           metrics.Set("tandem_nonce_cache_entries", static_cast<double>(nonces.size()));
           net::HttpResponse response;
           response.content_type = "text/plain; version=0.0.4";
           response.body = metrics.RenderPrometheus();
           return response;
         }},
        {"GET", "/v1/audit/checkpoint", kAuditors,
         [this](const net::HttpRequest&, const exchange::ApiUser*) {
           auto latest = audit->Checkpoint();
           if (!latest) return net::ErrorResponse(latest.error());
           auto encoded = audit::EncodeCheckpoint(*latest);
           if (!encoded) return net::ErrorResponse(encoded.error());
           net::HttpResponse response;
           response.body = *encoded;
           return response;
         }},
        {"POST",
         "/v1/audit/witness",
         {Role::kAdmin},
         [node](const net::HttpRequest&, const exchange::ApiUser*) {
           nlohmann::json outcomes = nlohmann::json::array();
           for (const exchange::WitnessOutcome& outcome : node->WitnessRound()) {
             nlohmann::json item = {{"peer", outcome.peer}, {"tree_size", outcome.tree_size}};
             item["status"] = outcome.status ? "co-signed" : outcome.status.error().message;
             outcomes.push_back(item);
           }
           return JsonResponse({{"witnesses", outcomes}});
         }},
        {"POST",
         "/v1/isa/reload",
         {Role::kAdmin},
         [node](const net::HttpRequest&, const exchange::ApiUser*) {
           auto reloaded = node->ReloadIsa();
           if (!reloaded) return net::ErrorResponse(reloaded.error());
           return JsonResponse({{"isa", reloaded->id},
                                {"version", reloaded->version},
                                {"replaced_version", reloaded->replaced_version}});
         }},
    };
  }

  // Moves queued local audit entries into the log; a failure is counted and told, and the
  // entries stay queued for the next drain.
  Status DrainOutbox() {
    auto drained = outbox->Drain();
    if (drained) {
      metrics.Increment("tandem_audit_outbox_logged_total", {}, static_cast<double>(*drained));
      return Ok();
    }
    metrics.Increment("tandem_audit_outbox_failures_total",
                      {{"code", std::string(CodeName(drained.error().code))}});
    if (options.notice) options.notice("audit outbox: " + drained.error().message);
    return tl::unexpected(drained.error());
  }

  // Erases the case-pack values the ISA in force no longer lets this node keep; a failure is
  // counted and told, and the next run tries again.
  Status EraseExpired(store::Store& s) {
    auto erased =
        panel::EraseExpiredPackValues(s, policy->Get()->isa(), config.node_id, options.clock());
    if (erased) {
      metrics.Increment("tandem_retention_erased_values_total", {},
                        static_cast<double>(erased->values));
      return Ok();
    }
    metrics.Increment("tandem_retention_failures_total",
                      {{"code", std::string(CodeName(erased.error().code))}});
    if (options.notice) options.notice("retention: " + erased.error().message);
    return tl::unexpected(erased.error());
  }

  // The same for what partners sent into the panel book (a police node's); the book is rebuilt
  // when anything went.
  Status EraseExpiredBook() {
    if (!panel_service) return Ok();
    auto erased =
        panel_service->EraseExpired(policy->Get()->isa(), config.node_id, options.clock());
    if (erased) {
      metrics.Increment("tandem_retention_erased_values_total", {},
                        static_cast<double>(erased->values));
      return Ok();
    }
    metrics.Increment("tandem_retention_failures_total",
                      {{"code", std::string(CodeName(erased.error().code))}});
    if (options.notice) options.notice("retention: " + erased.error().message);
    return tl::unexpected(erased.error());
  }

  // Records the agreement in force in the store's ISA history (with its audit entry) unless it
  // is there already; a failure is counted and told.
  Status RecordIsa(store::Store& s, const protocol::Isa& isa) {
    auto recorded = isa::RecordIsaInForce(s, isa, config.node_id, options.clock());
    if (recorded) {
      isa_unrecorded = false;
      return Ok();
    }
    isa_unrecorded = true;
    metrics.Increment("tandem_isa_history_failures_total",
                      {{"code", std::string(CodeName(recorded.error().code))}});
    if (options.notice) options.notice("ISA history: " + recorded.error().message);
    return tl::unexpected(recorded.error());
  }

  // Runs `work` every `interval` until Stop.
  void EveryInterval(std::chrono::milliseconds interval, const std::function<void()>& work) {
    std::unique_lock lock(loop_mutex);
    while (!stopping) {
      loop_wake.wait_for(lock, interval, [&] { return stopping; });
      if (stopping) break;
      lock.unlock();
      work();
      lock.lock();
    }
  }

  void WitnessRounds(Node* node) {
    for (const exchange::WitnessOutcome& outcome : node->WitnessRound()) {
      metrics.Increment(
          "tandem_witness_rounds_total",
          {{"peer", outcome.peer},
           {"outcome",
            outcome.status ? "ok" : std::string(CodeName(outcome.status.error().code))}});
    }
  }
};

Node::Node(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Node::~Node() { Stop(); }

Result<std::unique_ptr<Node>> Node::Start(const NodeConfig& config, NodeOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  if (!options.clock) options.clock = &protocol::SystemNow;
  impl->options = options;
  const auto& dir = config.data_dir;

  store::KeyOptions key_options;
  key_options.key_file = config.store_key_file;
  key_options.notice = options.notice;
  auto opened = store::OpenDataDir(dir, key_options, {.cache_kib = config.store_cache_mib * 1024});
  if (!opened) return tl::unexpected(opened.error());
  impl->store = std::move(opened->store);
  auto store_key = store::ReadDataDirKey(dir, key_options);
  if (!store_key) return tl::unexpected(store_key.error());

  auto identity = ReadIdentityKey(dir / kIdentityKeyFileName);
  if (!identity) {
    return Fail(identity.error().code, "identity key: " + identity.error().message);
  }
  impl->identity.emplace(std::move(*identity));

  auto isa = isa::IsaInstaller::Load(dir);
  if (!isa) {
    if (isa.error().code == Code::kNotFound) {
      return Fail(Code::kNotFound, "no ISA installed in " + dir.string() +
                                       "; install the signed agreement with 'tandem isa install'");
    }
    return tl::unexpected(isa.error());
  }
  auto policy = isa::IsaPolicy::Create(std::move(*isa), config.node_id);
  if (!policy) {
    return Fail(Code::kPermissionDenied, "the installed ISA: " + policy.error().message);
  }
  const protocol::IsaParty* self = (*policy)->Party(config.node_id);
  if (self == nullptr || !(self->signing_key == impl->identity->verifying_key())) {
    return Fail(Code::kPermissionDenied,
                "identity.key is not the key the ISA lists for '" + config.node_id + "'");
  }
  impl->pins = std::make_shared<net::PeerPins>((*policy)->Pins());
  impl->quotas = std::make_unique<isa::QuotaCounter>((*policy)->DailyQuotas());
  impl->policy = std::make_unique<exchange::CurrentPolicy>(
      std::shared_ptr<const isa::IsaPolicy>(std::move(*policy)));

  auto node_id = protocol::NodeId::Create(config.node_id);
  if (!node_id) return tl::unexpected(node_id.error());
  audit::AuditLog::Options audit_options;
  audit_options.checkpoint_interval =
      std::chrono::duration_cast<std::chrono::seconds>(config.checkpoint_interval);
  if (audit_options.checkpoint_interval.count() < 1) {
    audit_options.checkpoint_interval = std::chrono::seconds{1};
  }
  audit_options.clock = options.clock;
  audit_options.read_cache_kib = config.audit_cache_mib * 1024;
  auto log = audit::AuditLog::Open(dir / audit::kAuditFileName, store_key->key, *node_id,
                                   *impl->identity, audit_options);
  if (!log) return Fail(log.error().code, "audit log: " + log.error().message);
  impl->audit = std::move(*log);
  if (auto rebuilt = impl->RebuildFromAudit(); !rebuilt) return tl::unexpected(rebuilt.error());
  if (auto outbox = OpenOutbox(dir, *store_key, *impl->audit); outbox) {
    impl->outbox = std::move(*outbox);
  } else {
    return Fail(outbox.error().code, "audit outbox: " + outbox.error().message);
  }
  // The agreement's record and retention (here for case packs, below for the panel book once it
  // is open) before the queued entries are moved, so that their entries are moved with the
  // others; a store busy with an import (kUnavailable) waits for the next run, as does an entry
  // that cannot be logged now.
  if (auto recorded = impl->RecordIsa(*impl->store, impl->policy->Get()->isa());
      !recorded && recorded.error().code != Code::kUnavailable) {
    return Fail(recorded.error().code, "ISA history: " + recorded.error().message);
  }
  if (auto erased = impl->EraseExpired(*impl->store);
      !erased && erased.error().code != Code::kUnavailable) {
    return Fail(erased.error().code, "retention: " + erased.error().message);
  }

  auto share = tokens::LoadNodeShare(*impl->store);
  if (!share) return tl::unexpected(share.error());
  if (*share) impl->share.emplace(std::move(**share));
  auto model = linkage::ReadMatchModel(dir / linkage::kMatchModelFileName);
  if (model) {
    impl->model.emplace(std::move(*model));
  } else if (model.error().code != Code::kNotFound) {
    return tl::unexpected(model.error());
  }
  impl->shared_store = std::make_unique<endpoints::SharedStore>(impl->store.get());
  impl->handles = std::make_unique<endpoints::HandleTable>(kHandleLifetime);

  const net::TlsFiles tls{config.tls_ca_cert, config.tls_cert, config.tls_key};
  impl->peers = std::make_unique<exchange::PeerExchange>(
      impl->Context(), tls, net::ClientOptions{},
      static_cast<std::size_t>(config.connections_per_peer));
  impl->inbound = std::make_unique<exchange::InboundPipeline>(impl->Context(), impl->PeerRoutes());
  impl->reloader = std::make_unique<exchange::IsaReloader>(exchange::IsaReloader::Targets{
      dir, config.node_id, &impl->identity->verifying_key(), impl->policy.get(), impl->pins.get(),
      impl->quotas.get(), impl->peers.get(), options.clock,
      [raw = impl.get()](const protocol::Isa& next) {
        return raw->shared_store->With(
            [raw, &next](store::Store& s) { return raw->RecordIsa(s, next); });
      }});
  if (auto created = impl->CreateTokeniser(); !created) return tl::unexpected(created.error());
  if (auto panel_opened = impl->OpenPanel(); !panel_opened) {
    return tl::unexpected(panel_opened.error());
  }
  if (auto erased = impl->EraseExpiredBook();
      !erased && erased.error().code != Code::kUnavailable) {
    return Fail(erased.error().code, "retention: " + erased.error().message);
  }
  if (auto drained = impl->DrainOutbox(); !drained && drained.error().code != Code::kUnavailable) {
    return Fail(drained.error().code, "audit outbox: " + drained.error().message);
  }
  auto tokens = exchange::ApiTokens::Load(dir);
  if (!tokens) return tl::unexpected(tokens.error());

  auto node = std::unique_ptr<Node>(new Node(std::move(impl)));
  Impl& self_impl = *node->impl_;
  net::ListenerOptions peer_listener;
  peer_listener.address = config.peer_listen.address;
  peer_listener.port = config.peer_listen.port;
  peer_listener.client_auth = net::ClientAuth::kRequiredPinned;
  peer_listener.max_body_bytes = config.max_body_bytes;
  peer_listener.read_timeout = config.read_timeout;
  peer_listener.methods = {"POST"};
  net::ListenerOptions local_listener = peer_listener;
  local_listener.address = config.local_listen.address;
  local_listener.port = config.local_listen.port;
  local_listener.client_auth = net::ClientAuth::kNone;
  local_listener.methods = {"GET", "POST"};
  std::vector<std::pair<net::ListenerOptions, net::Handler>> listeners;
  listeners.emplace_back(peer_listener, [&self_impl](const net::HttpRequest& request) {
    return self_impl.inbound->Handle(request);
  });
  listeners.emplace_back(local_listener,
                         LocalApiHandler(std::make_shared<exchange::ApiTokens>(std::move(*tokens)),
                                         self_impl.LocalRoutes(node.get()), &self_impl.metrics));
  auto server = net::HttpsServer::Start(tls, self_impl.pins, std::move(listeners),
                                        config.server_threads, config.handler_threads);
  if (!server) return tl::unexpected(server.error());
  self_impl.server = std::move(*server);
  if (auto written = WritePorts(dir, node->peer_port(), node->local_port()); !written) {
    return tl::unexpected(written.error());
  }
  // A failed drain is counted and told, and retried at the next interval.
  self_impl.outbox_thread = std::thread([&self_impl] {
    self_impl.EveryInterval(self_impl.options.outbox_interval, [&self_impl] {
      if (self_impl.isa_unrecorded) {
        const auto policy = self_impl.policy->Get();
        static_cast<void>(self_impl.shared_store->With(
            [&](store::Store& s) { return self_impl.RecordIsa(s, policy->isa()); }));
      }
      static_cast<void>(self_impl.DrainOutbox());
    });
  });
  self_impl.retention_thread = std::thread([&self_impl] {
    self_impl.EveryInterval(self_impl.options.retention_interval, [&self_impl] {
      static_cast<void>(self_impl.shared_store->With(
          [&self_impl](store::Store& s) { return self_impl.EraseExpired(s); }));
      static_cast<void>(self_impl.EraseExpiredBook());
    });
  });
  if (options.witness_interval.count() > 0) {
    self_impl.witness_thread = std::thread([&self_impl, raw = node.get()] {
      self_impl.EveryInterval(self_impl.options.witness_interval,
                              [&self_impl, raw] { self_impl.WitnessRounds(raw); });
    });
  }
  return node;
}

const std::string& Node::id() const { return impl_->config.node_id; }
std::uint16_t Node::peer_port() const { return impl_->server->port(0); }
std::uint16_t Node::local_port() const { return impl_->server->port(1); }
exchange::PeerExchange& Node::exchange() { return *impl_->peers; }
audit::AuditLog& Node::audit() { return *impl_->audit; }
Metrics& Node::metrics() { return impl_->metrics; }

Result<exchange::IsaReloaded> Node::ReloadIsa() {
  auto reloaded = impl_->reloader->Reload();
  // The new agreement's audit entry is queued; move it into the log now rather than at the next
  // interval (a failure is counted and told, and the entry waits).
  if (reloaded) static_cast<void>(impl_->DrainOutbox());
  return reloaded;
}

std::vector<exchange::WitnessOutcome> Node::WitnessRound() {
  std::lock_guard round(impl_->round_mutex);
  return exchange::RunWitnessRound(*impl_->peers, *impl_->audit, *impl_->policy->Get());
}

void Node::Stop() {
  {
    std::lock_guard lock(impl_->loop_mutex);
    impl_->stopping = true;
  }
  impl_->loop_wake.notify_all();
  if (impl_->witness_thread.joinable()) impl_->witness_thread.join();
  if (impl_->outbox_thread.joinable()) impl_->outbox_thread.join();
  if (impl_->retention_thread.joinable()) impl_->retention_thread.join();
  if (impl_->server) impl_->server->Stop();
}

}  // namespace tandem::node::runtime
