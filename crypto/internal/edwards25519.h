// Points of the twisted Edwards curve -x^2 + y^2 = 1 + d x^2 y^2 over GF(2^255 - 19) in
// extended coordinates (X : Y : Z : T) with x = X/Z, y = Y/Z, xy = T/Z, for the variable-time
// ristretto255 code. The formulas are the unified ones of Hisil, Wong, Carter and Dawson
// ("Twisted Edwards curves revisited", 2008, a = -1): they hold for every pair of points,
// the identity and equal points included. Thread-safe (pure functions on values).
#pragma once

#include "crypto/internal/field25519.h"

namespace tandem::crypto::internal {

struct EdPoint {
  Fe x, y, z, t;
};

// A point prepared as the second operand of an addition: (Y + X, Y - X, 2Z, 2dT).
struct EdCached {
  Fe y_plus_x, y_minus_x, z2, t2d;
};

inline constexpr EdPoint kEdIdentity = {kFeZero, kFeOne, kFeOne, kFeZero};

// With with_t false the result's t is left zero (one multiplication saved); such a point may
// only be doubled or have its t recomputed by a later operation, never added to or encoded.
EdCached EdToCached(const EdPoint& p);
EdPoint EdAdd(const EdPoint& p, const EdCached& q, bool with_t = true);
EdPoint EdSub(const EdPoint& p, const EdCached& q, bool with_t = true);  // p - q
EdPoint EdDouble(const EdPoint& p, bool with_t = true);
EdPoint EdNegate(const EdPoint& p);

}  // namespace tandem::crypto::internal
