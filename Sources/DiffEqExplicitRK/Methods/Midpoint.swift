// Explicit midpoint rule: C. Runge, Math. Ann. 46 (1895) 167–178, doi:10.1007/BF01446807;
// HNW I (doi:10.1007/978-3-540-78862-1) Sect. II.1. Error estimate (explicit Euler) as in
// SciML/OrdinaryDiffEq.jl lib/OrdinaryDiffEqLowOrderRK/src/fixed_timestep_perform_step.jl.

extension ExplicitRKTableau {
  /// Explicit midpoint rule: k₂ = f(tₙ + h/2, uₙ + (h/2) k₁), uₙ₊₁ = uₙ + h k₂. The error is
  /// estimated against explicit Euler (b̂ = (1, 0)), as OrdinaryDiffEq.jl does; the dense output is
  /// the free quadratic interpolant b₁(θ) = θ − θ², b₂(θ) = θ².
  ///
  /// Order 2, embedded order 1, 2 stages, not FSAL, free 2nd-order interpolant.
  /// C. Runge, "Ueber die numerische Auflösung von Differentialgleichungen", Math. Ann. 46 (1895)
  /// 167–178, doi:10.1007/BF01446807.
  public static let midpoint = ExplicitRKTableau(
    name: "Midpoint",
    order: 2,
    embeddedOrder: 1,
    stageCount: 2,
    isFSAL: false,
    c: [0.0, 0.5],
    a: [
      0.5  // a21
    ],
    b: [0.0, 1.0],
    bTilde: [-1.0, 1.0],
    interpolantOrder: 2,
    interpolantDegree: 2,
    interpolant: [
      // b1(θ): θ, θ²
      1.0, -1.0,
      // b2(θ)
      0.0, 1.0,
    ]
  )
}

/// Explicit midpoint rule (`Midpoint()`), with an embedded Euler error estimate.
///
/// Order 2, embedded order 1, 2 stages, not FSAL, 2nd-order free interpolant.
public struct Midpoint: ExplicitRKAlgorithm {
  /// Creates the algorithm.
  public init() {}
  /// The coefficients: ``ExplicitRKTableau/midpoint``.
  public var tableau: ExplicitRKTableau { .midpoint }
}
