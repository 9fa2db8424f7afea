#include "crypto/internal/edwards25519.h"

namespace tandem::crypto::internal {
namespace {

// The second half of both formulas: from E, F, G, H to (EF : GH : FG : EH).
EdPoint Finish(const Fe& e, const Fe& f, const Fe& g, const Fe& h, bool with_t) {
  return {FeMul(e, f), FeMul(g, h), FeMul(f, g), with_t ? FeMul(e, h) : kFeZero};
}

// add-2008-hwcd-3 with k = 2d; q's sum and difference arrive in the given order (swapping
// them and negating 2dT subtracts q instead).
EdPoint AddCachedParts(const EdPoint& p, const Fe& q_plus, const Fe& q_minus, const Fe& q_z2,
                       const Fe& q_t2d, bool with_t) {
  const Fe a = FeMul(FeSub(p.y, p.x), q_minus);
  const Fe b = FeMul(FeAdd(p.y, p.x), q_plus);
  const Fe c = FeMul(p.t, q_t2d);
  const Fe d = FeMul(p.z, q_z2);
  return Finish(FeSub(b, a), FeSub(d, c), FeAdd(d, c), FeAdd(b, a), with_t);
}

}  // namespace

EdCached EdToCached(const EdPoint& p) {
  return {FeAdd(p.y, p.x), FeSub(p.y, p.x), FeAdd(p.z, p.z), FeMul(p.t, kFeD2)};
}

EdPoint EdAdd(const EdPoint& p, const EdCached& q, bool with_t) {
  return AddCachedParts(p, q.y_plus_x, q.y_minus_x, q.z2, q.t2d, with_t);
}

EdPoint EdSub(const EdPoint& p, const EdCached& q, bool with_t) {
  return AddCachedParts(p, q.y_minus_x, q.y_plus_x, q.z2, FeNeg(q.t2d), with_t);
}

// dbl-2008-hwcd with a = -1: A = X^2, B = Y^2, C = 2Z^2, E = (X + Y)^2 - A - B, G = B - A,
// F = G - C, H = -A - B.
EdPoint EdDouble(const EdPoint& p, bool with_t) {
  const Fe a = FeSquare(p.x);
  const Fe b = FeSquare(p.y);
  const Fe zz = FeSquare(p.z);
  const Fe c = FeAdd(zz, zz);
  const Fe e = FeSub(FeSub(FeSquare(FeAdd(p.x, p.y)), a), b);
  const Fe g = FeSub(b, a);
  const Fe f = FeSub(g, c);
  const Fe h = FeNeg(FeAdd(a, b));
  return Finish(e, f, g, h, with_t);
}

EdPoint EdNegate(const EdPoint& p) { return {FeNeg(p.x), p.y, p.z, FeNeg(p.t)}; }

}  // namespace tandem::crypto::internal
