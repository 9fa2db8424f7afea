#include "agency-adapters/internal/key_derivers.h"

#include <string>

#include "agency-adapters/internal/name_variants.h"
#include "agency-adapters/normalise.h"

namespace tandem::adapters::internal {
namespace {

using Part = KeyPart;

const Identity& Id(const MatchKeySource& source) { return *source.identity; }

char SexLetter(Sex sex) {
  switch (sex) {
    case Sex::kMale:
      return 'm';
    case Sex::kFemale:
      return 'f';
    case Sex::kUnknown:
    case Sex::kOther:
      break;
  }
  return 0;  // unknown sex gives no value: it is not evidence either way
}

char InitialOf(const NameVariant& v, const Identity& id) {
  if (!v.forename.empty()) return v.forename.front();
  return v.surname == id.surname ? id.first_initial : '\0';
}

// Clears the phonetic code (it is derived from a surname) before it goes.
class ScopedCode {
 public:
  explicit ScopedCode(std::string code) : code_(std::move(code)) {}
  ~ScopedCode() {
    volatile char* p = code_.data();
    for (std::size_t i = 0; i < code_.size(); ++i) p[i] = 0;
  }
  std::string_view view() const { return code_; }

 private:
  std::string code_;
};

// Only a date whose day could be a month (and differs from it) can have been transposed, on
// either side: for any other date the key would repeat name_dob and count its evidence twice.
bool Transposable(const core::Date& date) { return date.day() <= 12 && date.day() != date.month(); }

}  // namespace

int BirthPeriodStart(int year) { return year - year % 5; }

void DerivePncId(const MatchKeySource& source, KeyValueSink& sink) {
  sink.Add({Part::Text(Id(source).pnc_id)});
}

void DeriveNhsNumber(const MatchKeySource& source, KeyValueSink& sink) {
  sink.Add({Part::Text(Id(source).nhs_number)});
}

void DeriveNiNumber(const MatchKeySource& source, KeyValueSink& sink) {
  sink.Add({Part::Text(Id(source).ni_number)});
}

void DeriveNameDob(const MatchKeySource& source, KeyValueSink& sink) {
  for (const NameVariant& v : NameVariantsOf(Id(source))) {
    if (!v.dob) continue;
    sink.Add({Part::Text(v.forename), Part::Text(v.surname), Part::IsoDate(*v.dob)});
  }
}

void DerivePhoneticDob(const MatchKeySource& source, KeyValueSink& sink) {
  for (const NameVariant& v : NameVariantsOf(Id(source))) {
    if (!v.dob || v.surname.empty()) continue;
    const ScopedCode code(SurnamePhoneticCode(v.surname));
    sink.Add(
        {Part::Text(code.view()), Part::Letter(InitialOf(v, Id(source))), Part::IsoDate(*v.dob)});
  }
}

void DeriveSwappedNameDob(const MatchKeySource& source, KeyValueSink& sink) {
  for (const NameVariant& v : NameVariantsOf(Id(source))) {
    if (!v.dob) continue;
    const bool ordered = v.forename <= v.surname;
    sink.Add({Part::Text(ordered ? v.forename : v.surname),
              Part::Text(ordered ? v.surname : v.forename), Part::IsoDate(*v.dob)});
  }
}

void DeriveNameDayMonthFreeDob(const MatchKeySource& source, KeyValueSink& sink) {
  for (const NameVariant& v : NameVariantsOf(Id(source))) {
    if (!v.dob || !Transposable(*v.dob)) continue;
    sink.Add({Part::Text(v.forename), Part::Text(v.surname), Part::DayMonthFreeDate(*v.dob)});
  }
}

void DeriveNameYobDistrict(const MatchKeySource& source, KeyValueSink& sink) {
  for (const NameVariant& v : NameVariantsOf(Id(source))) {
    if (!v.dob) continue;
    sink.Add({Part::Text(v.forename), Part::Text(v.surname), Part::Number(v.dob->year()),
              Part::Text(Id(source).district)});
  }
}

void DeriveForenameDobDistrict(const MatchKeySource& source, KeyValueSink& sink) {
  for (const NameVariant& v : NameVariantsOf(Id(source))) {
    if (!v.dob) continue;
    sink.Add({Part::Text(v.forename), Part::IsoDate(*v.dob), Part::Text(Id(source).district)});
  }
}

void DeriveInitialsDobSexDistrict(const MatchKeySource& source, KeyValueSink& sink) {
  // Unknown sex (housing records none) is a wildcard: a value for each sex, so that the key
  // still compares; a sex that is recorded and differs still disagrees.
  const char known = SexLetter(Id(source).sex);
  const std::string_view sexes = known == 'm' ? "m" : known == 'f' ? "f" : "mf";
  for (const InitialsVariant& v : InitialsVariantsOf(Id(source))) {
    if (!v.dob) continue;
    for (const char sex : sexes) {
      sink.Add({Part::Letter(v.first), Part::Letter(v.surname), Part::IsoDate(*v.dob),
                Part::Letter(sex), Part::Text(Id(source).district)});
    }
  }
}

void DeriveInitialsDob(const MatchKeySource& source, KeyValueSink& sink) {
  for (const InitialsVariant& v : InitialsVariantsOf(Id(source))) {
    if (!v.dob) continue;
    sink.Add({Part::Letter(v.first), Part::Letter(v.surname), Part::IsoDate(*v.dob)});
  }
}

void DeriveNameBirthPeriod(const MatchKeySource& source, KeyValueSink& sink) {
  const Identity& id = Id(source);
  for (const NameVariant& v : NameVariantsOf(id)) {
    if (v.dob) {
      sink.Add({Part::Text(v.forename), Part::Text(v.surname),
                Part::Number(BirthPeriodStart(v.dob->year()))});
      continue;
    }
    if (!id.estimated_age || !source.age_estimated_on || *id.estimated_age < 0) continue;
    // Born in (on - age - 1) or (on - age) for a true age; the estimate may be off by the
    // spread either way.
    const int estimated = source.age_estimated_on->year() - *id.estimated_age;
    const int first = BirthPeriodStart(estimated - 1 - kEstimatedAgeSpread);
    const int last = BirthPeriodStart(estimated + kEstimatedAgeSpread);
    for (int period = first; period <= last; period += 5) {
      sink.Add({Part::Text(v.forename), Part::Text(v.surname), Part::Number(period)});
    }
  }
}

void DeriveExactNameDob(const MatchKeySource& source, KeyValueSink& sink) {
  const Identity& id = Id(source);
  if (!id.dob) return;
  sink.Add({Part::Text(id.forename_as_given), Part::Text(id.surname), Part::IsoDate(*id.dob)});
}

}  // namespace tandem::adapters::internal
