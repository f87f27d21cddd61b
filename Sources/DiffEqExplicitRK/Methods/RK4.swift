// Classical Runge–Kutta method: W. Kutta, Z. Math. Phys. 46 (1901) 435–453; dense output
// from HNW I (doi:10.1007/978-3-540-78862-1) Sect. II.6. Cf. SciML/OrdinaryDiffEq.jl
// lib/OrdinaryDiffEqLowOrderRK/src/fixed_timestep_perform_step.jl.

extension ExplicitRKTableau {
  /// The classical fourth-order Runge–Kutta method, c = (0, 1/2, 1/2, 1), b = (1/6, 1/3, 1/3, 1/6).
  /// It has no embedded pair (bTilde is nil; OrdinaryDiffEq.jl adapts RK4 with Shampine's
  /// residual-control estimate instead). The dense output is the free third-order interpolant of
  /// Hairer, Nørsett and Wanner, Sect. II.6: b₁(θ) = θ − 3θ²/2 + 2θ³/3, b₂(θ) = b₃(θ) = θ² − 2θ³/3,
  /// b₄(θ) = −θ²/2 + 2θ³/3.
  ///
  /// Order 4, no embedded method, 4 stages, not FSAL, free 3rd-order interpolant.
  /// W. Kutta, "Beitrag zur näherungsweisen Integration totaler Differentialgleichungen", Z. Math.
  /// Phys. 46 (1901) 435–453.
  public static let rk4 = ExplicitRKTableau(
    name: "RK4",
    order: 4,
    embeddedOrder: nil,
    stageCount: 4,
    isFSAL: false,
    c: [0.0, 0.5, 0.5, 1.0],
    a: [
      0.5,  // a21
      0.0, 0.5,  // a31 a32
      0.0, 0.0, 1.0,  // a41 a42 a43
    ],
    b: [0.16666666666666666, 0.3333333333333333, 0.3333333333333333, 0.16666666666666666],
    bTilde: nil,
    interpolantOrder: 3,
    interpolantDegree: 3,
    interpolant: [
      // b1(θ): θ, θ², θ³
      1.0, -1.5, 0.6666666666666666,
      // b2(θ)
      0.0, 1.0, -0.6666666666666666,
      // b3(θ)
      0.0, 1.0, -0.6666666666666666,
      // b4(θ)
      0.0, -0.5, 0.6666666666666666,
    ]
  )
}

/// The classical Runge–Kutta method (`RK4()`).
///
/// Order 4, no embedded method, 4 stages, not FSAL, 3rd-order free interpolant.
public struct RK4: ExplicitRKAlgorithm {
  /// Creates the algorithm.
  public init() {}
  /// The coefficients: ``ExplicitRKTableau/rk4``.
  public var tableau: ExplicitRKTableau { .rk4 }
}
