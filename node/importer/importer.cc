#include "node/importer/importer.h"

#include <algorithm>
#include <array>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "agency-adapters/export_reader.h"
#include "crypto/hex.h"
#include "node/audit/local_entry.h"
#include "node/importer/internal/hashing_file.h"
#include "node/importer/internal/record_encoding.h"

namespace tandem::node::importer {
namespace {

using adapters::ExportKind;

constexpr std::size_t kExportKindCount = 7;
constexpr std::uint64_t kProgressEveryRows = 4096;

// The column that holds each export's own reference (the first column of every format).
constexpr std::array<std::pair<ExportKind, std::string_view>, kExportKindCount> kRefColumns = {{
    {ExportKind::kPoliceNominals, "nominal_id"},
    {ExportKind::kPoliceOccurrences, "occurrence_id"},
    {ExportKind::kProbationCases, "crn"},
    {ExportKind::kNhsMentalHealth, "local_patient_id"},
    {ExportKind::kHousingTenancies, "tenancy_ref"},
    {ExportKind::kTreatmentEpisodes, "client_ref"},
    {ExportKind::kIdvaCases, "case_ref"},
}};

std::string_view RefColumn(ExportKind kind) {
  for (const auto& [k, column] : kRefColumns) {
    if (k == kind) return column;
  }
  return "reference";
}

Error InFile(const std::filesystem::path& file, const Error& error) {
  return Error{error.code, file.filename().string() + ": " + error.message};
}

struct OpenExport {
  std::filesystem::path path;
  std::unique_ptr<internal::HashingFileBuf> buffer;
  std::unique_ptr<std::istream> stream;
  std::unique_ptr<adapters::ExportReader> reader;
};

Result<OpenExport> OpenOne(core::AgencyKind agency, const std::filesystem::path& path) {
  OpenExport open;
  open.path = path;
  auto buffer = internal::HashingFileBuf::Open(path);
  if (!buffer) return tl::unexpected(buffer.error());
  open.buffer = std::move(*buffer);
  open.stream = std::make_unique<std::istream>(open.buffer.get());
  auto reader = adapters::ExportReader::Open(agency, *open.stream);
  if (!reader) return tl::unexpected(InFile(path, reader.error()));
  open.reader = std::move(*reader);
  return open;
}

// One import: the state shared by the files of one transaction.
class ImportRun {
 public:
  ImportRun(store::Store& store, const ImportRequest& request) : store_(store), request_(request) {}

  Result<ImportReport> Run();

 private:
  Status ImportFile(OpenExport& file, std::uint64_t bytes_before, FileReport& report);
  Status QueueAuditEntry(std::string_view kind_name, const FileReport& report,
                         protocol::Seconds at);
  // A full export: deletes the records of the file's kind that the file left out.
  Status EraseMissing(adapters::ExportKind kind, FileReport& report);
  // Checks a row the adapter accepted against the rest of the import and the store; returns
  // its problems (empty when it is good).
  Result<std::vector<adapters::RowError>> CrossCheck(const adapters::Record& record);
  Status WriteRecord(const adapters::Record& record, const internal::EncodedRecord& encoded,
                     std::int64_t import_id, store::ImportCounts& counts);
  Status ReportBadRow(const std::filesystem::path& file, std::size_t line,
                      std::vector<adapters::RowError> errors, std::string raw);
  // Strict imports stop writing at the first bad row: they will be rolled back anyway.
  bool writing() const { return request_.accept_good_rows || report_.bad_rows == 0; }

  store::Store& store_;
  const ImportRequest& request_;
  ImportReport report_;
  std::uint64_t total_bytes_ = 0;
  // References of good rows seen in this import, per export kind; kept only for the kinds
  // where a later row could need them (two files of one kind, or nominals with occurrences)
  // and, in a full export, for every kind (what is not seen is deleted).
  std::array<std::unordered_set<std::string>, kExportKindCount> seen_;
  std::array<bool, kExportKindCount> track_{};
};

// A store holds one agency's records: refuses an import for another agency than the one whose
// exports the store already holds. kCorruption for an export kind Tandem does not know.
Status CheckStoreAgency(store::Store& store, core::AgencyKind agency) {
  auto held = store.Summarise();
  if (!held) return tl::unexpected(held.error());
  for (const store::ExportKindSummary& summary : *held) {
    std::optional<core::AgencyKind> holder;
    for (std::size_t k = 0; k < kExportKindCount; ++k) {
      const auto kind = static_cast<ExportKind>(k);
      if (adapters::ExportKindName(kind) == summary.export_kind)
        holder = adapters::ExportAgency(kind);
    }
    if (!holder) {
      return Fail(Code::kCorruption, "the store holds records of an unknown export kind '" +
                                         summary.export_kind + "'");
    }
    if (*holder != agency) {
      return Fail(Code::kInvalidArgument,
                  "this store holds " + std::string(core::AgencyName(*holder)) + " records (" +
                      summary.export_kind + "); a store holds one agency's, so it cannot take " +
                      std::string(core::AgencyName(agency)) +
                      " exports: import them into that agency's data directory");
    }
  }
  return Ok();
}

Result<ImportReport> ImportRun::Run() {
  if (request_.files.empty()) {
    return Fail(Code::kInvalidArgument, "name at least one export file to import");
  }
  if (Status same = CheckStoreAgency(store_, request_.agency); !same) {
    return tl::unexpected(same.error());
  }
  std::vector<OpenExport> files;
  for (const auto& path : request_.files) {
    for (const auto& other : files) {
      std::error_code ec;
      if (std::filesystem::equivalent(other.path, path, ec)) {
        return Fail(Code::kInvalidArgument, path.string() + " is named twice");
      }
    }
    auto open = OpenOne(request_.agency, path);
    if (!open) return tl::unexpected(open.error());
    total_bytes_ += open->buffer->size();
    files.push_back(std::move(*open));
  }
  // Nominals before occurrences, so that occurrences can refer to nominals of this import.
  std::stable_sort(files.begin(), files.end(), [](const OpenExport& a, const OpenExport& b) {
    return static_cast<int>(a.reader->kind()) < static_cast<int>(b.reader->kind());
  });

  std::array<int, kExportKindCount> files_of_kind{};
  for (const auto& file : files) ++files_of_kind[static_cast<std::size_t>(file.reader->kind())];
  if (request_.full_export) {
    if (request_.accept_good_rows) {
      return Fail(Code::kInvalidArgument,
                  "a full export cannot be imported with its good rows only: the record of a "
                  "bad row would be deleted");
    }
    for (std::size_t k = 0; k < kExportKindCount; ++k) {
      if (files_of_kind[k] > 1) {
        return Fail(Code::kInvalidArgument,
                    "a full export is one file per export kind, and " +
                        std::to_string(files_of_kind[k]) + " files are " +
                        std::string(adapters::ExportKindName(static_cast<ExportKind>(k))));
      }
    }
  }
  for (std::size_t k = 0; k < kExportKindCount; ++k) {
    track_[k] = files_of_kind[k] > 1 || (request_.full_export && files_of_kind[k] > 0);
  }
  track_[static_cast<std::size_t>(ExportKind::kPoliceNominals)] |=
      files_of_kind[static_cast<std::size_t>(ExportKind::kPoliceOccurrences)] > 0;

  auto transaction = store_.Begin();
  if (!transaction) return tl::unexpected(transaction.error());

  std::uint64_t bytes_before = 0;
  for (auto& file : files) {
    FileReport& file_report = report_.files.emplace_back();
    if (auto imported = ImportFile(file, bytes_before, file_report); !imported) {
      return tl::unexpected(imported.error());
    }
    bytes_before += file.buffer->size();
    report_.rows += file_report.rows;
    report_.total.inserted += file_report.counts.inserted;
    report_.total.updated += file_report.counts.updated;
    report_.total.unchanged += file_report.counts.unchanged;
    report_.total.rejected += file_report.counts.rejected;
  }
  if (request_.on_progress) request_.on_progress(total_bytes_, total_bytes_);

  if (!writing()) {
    transaction->Rollback();
    report_.outcome = ImportReport::Outcome::kRefused;
    return std::move(report_);
  }
  if (request_.before_commit) {
    if (auto ready = request_.before_commit(); !ready) return tl::unexpected(ready.error());
  }
  if (auto committed = transaction->Commit(); !committed) {
    return tl::unexpected(committed.error());
  }
  const bool erased = std::any_of(report_.files.begin(), report_.files.end(), [](const auto& f) {
    return f.deleted + f.deleted_occurrences > 0;
  });
  if (erased) store_.TruncateWal();  // the deleted records' earlier pages leave the WAL
  report_.outcome = report_.total.inserted + report_.total.updated > 0 || erased
                        ? ImportReport::Outcome::kImported
                        : ImportReport::Outcome::kNoChanges;
  return std::move(report_);
}

Status ImportRun::ImportFile(OpenExport& file, std::uint64_t bytes_before, FileReport& report) {
  const ExportKind kind = file.reader->kind();
  report.file = file.path;
  report.kind = kind;
  const std::string kind_name(adapters::ExportKindName(kind));
  const protocol::Seconds now = request_.now ? request_.now() : protocol::SystemNow();
  auto imported_at = protocol::FormatTimestamp(now);
  if (!imported_at) return tl::unexpected(imported_at.error());
  auto import_id = store_.AddImport(kind_name, *imported_at);
  if (!import_id) return tl::unexpected(import_id.error());

  for (;;) {
    auto next = file.reader->Next();
    if (!next) return tl::unexpected(InFile(file.path, next.error()));
    if (!next->has_value()) break;
    adapters::RowOutcome& row = **next;
    ++report.rows;
    if (request_.on_progress && report.rows % kProgressEveryRows == 0) {
      request_.on_progress(bytes_before + file.buffer->bytes_read(), total_bytes_);
    }
    if (!row.record || !row.errors.empty()) {
      ++report.counts.rejected;
      if (row.errors.empty()) {
        row.errors.push_back({row.line, "", "", "the row could not be read"});
      }
      if (auto reported =
              ReportBadRow(file.path, row.line, std::move(row.errors), std::move(row.raw));
          !reported) {
        return reported;
      }
      continue;
    }
    const adapters::Record& record = *row.record;
    auto checked = CrossCheck(record);
    if (!checked) return tl::unexpected(checked.error());
    auto problems = std::move(*checked);
    auto encoded = internal::EncodeRecord(record);
    if (!encoded) problems.push_back({row.line, "", "", encoded.error().message});
    if (!problems.empty()) {
      ++report.counts.rejected;
      if (auto reported =
              ReportBadRow(file.path, row.line, std::move(problems), std::move(row.raw));
          !reported) {
        return reported;
      }
      continue;
    }
    if (track_[static_cast<std::size_t>(kind)])
      seen_[static_cast<std::size_t>(kind)].insert(record.ref);
    if (!writing()) continue;
    if (auto written = WriteRecord(record, *encoded, *import_id, report.counts); !written) {
      return written;
    }
  }

  auto digest = file.buffer->FinishDigest();
  if (!digest) return tl::unexpected(InFile(file.path, digest.error()));
  report.sha256_hex = crypto::EncodeHex(*digest);
  if (!writing()) return Ok();
  if (request_.full_export) {
    if (auto erased = EraseMissing(kind, report); !erased) return erased;
  }
  if (auto finished = store_.FinishImport(*import_id, *digest, report.counts); !finished) {
    return finished;
  }
  return QueueAuditEntry(kind_name, report, now);
}

Status ImportRun::EraseMissing(ExportKind kind, FileReport& report) {
  auto refs = store_.RecordRefs(adapters::ExportKindName(kind));
  if (!refs) return tl::unexpected(refs.error());
  const auto& kept = seen_[static_cast<std::size_t>(kind)];
  std::vector<std::string> missing;
  for (std::string& ref : *refs) {
    if (!kept.contains(ref)) missing.push_back(std::move(ref));
  }
  if (kind == ExportKind::kPoliceNominals) {
    std::vector<std::string> occurrences;
    for (const std::string& nominal : missing) {
      auto naming = store_.OccurrencesNaming(nominal);
      if (!naming) return tl::unexpected(naming.error());
      occurrences.insert(occurrences.end(), naming->begin(), naming->end());
    }
    auto gone =
        store_.DeleteRecords(adapters::ExportKindName(ExportKind::kPoliceOccurrences), occurrences);
    if (!gone) return tl::unexpected(gone.error());
    report.deleted_occurrences = *gone;
  }
  auto deleted = store_.DeleteRecords(adapters::ExportKindName(kind), missing);
  if (!deleted) return tl::unexpected(deleted.error());
  report.deleted = *deleted;
  return Ok();
}

// The import of one file in the audit log (node/audit/local_entry.h): what it did to how many
// records, and the file's SHA-256, by which the agency can find the export it came from.
Status ImportRun::QueueAuditEntry(std::string_view kind_name, const FileReport& report,
                                  protocol::Seconds at) {
  const store::ImportCounts& counts = report.counts;
  std::vector<std::string> done;  // the DPA 2018 s.62(1) operations this import performed
  if (counts.inserted > 0) done.emplace_back("collection");
  if (counts.updated > 0) done.emplace_back("alteration");
  if (report.deleted + report.deleted_occurrences > 0) done.emplace_back("erasure");
  std::string processing = done.empty() ? "no change" : done.front();
  for (std::size_t i = 1; i < done.size(); ++i) {
    processing += (i + 1 == done.size() ? " and " : ", ") + done[i];
  }
  processing += " of " + std::string(kind_name) + ": " + std::to_string(counts.inserted) +
                " inserted, " + std::to_string(counts.updated) + " updated, " +
                std::to_string(counts.unchanged) + " unchanged, ";
  if (request_.full_export) processing += std::to_string(report.deleted) + " deleted, ";
  processing += std::to_string(counts.rejected) + " rejected";
  if (report.deleted_occurrences > 0) {
    processing += "; " + std::to_string(report.deleted_occurrences) +
                  " police_occurrences of deleted nominals deleted";
  }
  auto entry = audit::EncodeLocalChange({.kind = audit::kImportKind,
                                         .processing = processing,
                                         .sha256_hex = report.sha256_hex,
                                         .at = at});
  if (!entry) return tl::unexpected(entry.error());
  return store_.QueueAuditEntry(*entry);
}

Result<std::vector<adapters::RowError>> ImportRun::CrossCheck(const adapters::Record& record) {
  std::vector<adapters::RowError> problems;
  if (seen_[static_cast<std::size_t>(record.kind)].contains(record.ref)) {
    problems.push_back({record.line, std::string(RefColumn(record.kind)), record.ref,
                        "appears more than once in this import"});
  }
  if (record.kind == ExportKind::kPoliceOccurrences) {
    bool known =
        seen_[static_cast<std::size_t>(ExportKind::kPoliceNominals)].contains(record.person_ref);
    if (!known) {
      auto stored = store_.FindRecord(adapters::ExportKindName(ExportKind::kPoliceNominals),
                                      record.person_ref);
      if (!stored) return tl::unexpected(stored.error());
      known = stored->has_value();
    }
    if (!known) {
      problems.push_back({record.line, "nominal_id", record.person_ref,
                          "is not a police nominal in the store or in this import"});
    }
  }
  return problems;
}

Status ImportRun::WriteRecord(const adapters::Record& record,
                              const internal::EncodedRecord& encoded, std::int64_t import_id,
                              store::ImportCounts& counts) {
  const std::string_view kind_name = adapters::ExportKindName(record.kind);
  auto state = store_.FindRecord(kind_name, record.ref);
  if (!state) return tl::unexpected(state.error());
  if (state->has_value() && (*state)->content_hash == encoded.content_hash) {
    ++counts.unchanged;
    return Ok();
  }
  const store::RecordWrite write{.export_kind = kind_name,
                                 .ref = record.ref,
                                 .person_ref = record.person_ref,
                                 .fields = encoded.fields,
                                 .identity = encoded.identity,
                                 .content_hash = encoded.content_hash,
                                 .import_id = import_id};
  if (state->has_value()) {
    ++counts.updated;
    return store_.UpdateRecord(write);
  }
  ++counts.inserted;
  return store_.InsertRecord(write);
}

Status ImportRun::ReportBadRow(const std::filesystem::path& file, std::size_t line,
                               std::vector<adapters::RowError> errors, std::string raw) {
  ++report_.bad_rows;
  if (!request_.on_bad_row) return Ok();
  return request_.on_bad_row(BadRow{file, line, std::move(errors), std::move(raw)});
}

}  // namespace

Result<ImportReport> RunImport(store::Store& store, const ImportRequest& request) {
  ImportRun run(store, request);
  return run.Run();
}

std::string DescribeRowError(const std::filesystem::path& file, const adapters::RowError& error) {
  std::string text = file.filename().string() + " line " + std::to_string(error.line);
  if (error.column.empty()) return text + ": " + error.reason;
  text += ", column " + error.column;
  if (error.value.empty()) return text + " " + error.reason;
  return text + ": '" + error.value + "' " + error.reason;
}

}  // namespace tandem::node::importer
