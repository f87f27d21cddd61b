// The forward Euler method, as in E. Hairer, S. P. Nørsett, G. Wanner, "Solving
// Ordinary Differential Equations I", 2nd ed., Springer (1993), Sect. II.1,
// doi:10.1007/978-3-540-78862-1; cf. SciML/OrdinaryDiffEq.jl
// lib/OrdinaryDiffEqLowOrderRK/src/fixed_timestep_perform_step.jl.

extension ExplicitRKTableau {
  /// Forward Euler: uₙ₊₁ = uₙ + h f(tₙ, uₙ). The one-stage explicit method; it has no error
  /// estimator, so it runs at fixed step size only. Its dense output is the linear interpolant,
  /// b₁(θ) = θ.
  ///
  /// Order 1, no embedded method, 1 stage, not FSAL, 1st-order (linear) interpolant.
  /// E. Hairer, S. P. Nørsett, G. Wanner, "Solving Ordinary Differential Equations I", 2nd ed.,
  /// Springer (1993), doi:10.1007/978-3-540-78862-1.
  public static let euler = ExplicitRKTableau(
    name: "Euler",
    order: 1,
    embeddedOrder: nil,
    stageCount: 1,
    isFSAL: false,
    c: [0.0],
    a: [],
    b: [1.0],
    bTilde: nil,
    interpolantOrder: 1,
    interpolantDegree: 1,
    interpolant: [
      // b1(θ): θ
      1.0
    ]
  )
}

/// Forward Euler (`Euler()`): the first-order explicit method, fixed step only.
///
/// Order 1, no embedded method, 1 stage, not FSAL, 1st-order linear interpolant.
public struct Euler: ExplicitRKAlgorithm {
  /// Creates the algorithm.
  public init() {}
  /// The coefficients: ``ExplicitRKTableau/euler``.
  public var tableau: ExplicitRKTableau { .euler }
}
