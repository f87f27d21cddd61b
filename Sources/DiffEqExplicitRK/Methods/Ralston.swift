// Ralston's 2nd-order method: A. Ralston, Math. Comp. 16 (1962) 431–437,
// doi:10.1090/S0025-5718-1962-0150954-0. Error estimate (explicit Euler) as in
// SciML/OrdinaryDiffEq.jl lib/OrdinaryDiffEqLowOrderRK/src/fixed_timestep_perform_step.jl.

extension ExplicitRKTableau {
  /// Ralston's second-order method: c₂ = 2/3, b = (1/4, 3/4), the two-stage method with the
  /// smallest bound on the leading error term. The error is estimated against explicit Euler (b̂ =
  /// (1, 0)), as OrdinaryDiffEq.jl does; the dense output is the free quadratic interpolant b₁(θ) =
  /// θ − 3θ²/4, b₂(θ) = 3θ²/4.
  ///
  /// Order 2, embedded order 1, 2 stages, not FSAL, free 2nd-order interpolant.
  /// A. Ralston, "Runge–Kutta methods with minimum error bounds", Math. Comp. 16 (1962) 431–437,
  /// doi:10.1090/S0025-5718-1962-0150954-0.
  public static let ralston = ExplicitRKTableau(
    name: "Ralston",
    order: 2,
    embeddedOrder: 1,
    stageCount: 2,
    isFSAL: false,
    c: [0.0, 0.6666666666666666],
    a: [
      0.6666666666666666  // a21
    ],
    b: [0.25, 0.75],
    bTilde: [-0.75, 0.75],
    interpolantOrder: 2,
    interpolantDegree: 2,
    interpolant: [
      // b1(θ): θ, θ²
      1.0, -0.75,
      // b2(θ)
      0.0, 0.75,
    ]
  )
}

/// Ralston's method (`Ralston()`): the error-optimised two-stage second-order method, with an
/// embedded Euler error estimate.
///
/// Order 2, embedded order 1, 2 stages, not FSAL, 2nd-order free interpolant.
public struct Ralston: ExplicitRKAlgorithm {
  /// Creates the algorithm.
  public init() {}
  /// The coefficients: ``ExplicitRKTableau/ralston``.
  public var tableau: ExplicitRKTableau { .ralston }
}
