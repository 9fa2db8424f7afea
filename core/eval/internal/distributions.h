// The few distribution functions the tests of core/eval need, written here so that core stays
// standard-library only. Pure functions; thread-safe.
#pragma once

namespace tandem::core::eval::internal {

// Upper tail of the standard normal, P(Z >= z), accurate in both tails (via erfc).
double NormalUpperTail(double z);

// The regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 <= x <= 1, by the
// continued fraction (modified Lentz), using the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) where
// the fraction converges faster. Relative accuracy about 1e-14 in the range used here.
// Precondition: the arguments are in range (callers check).
double RegularizedIncompleteBeta(double a, double b, double x);

// Two-sided tail of Student's t with `df` > 0 degrees of freedom: P(|T| >= |t|).
double StudentTTwoSided(double t, double df);

}  // namespace tandem::core::eval::internal
