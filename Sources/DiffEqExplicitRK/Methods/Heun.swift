// Heun's method (explicit trapezoidal rule): K. Heun, Z. Math. Phys. 45 (1900) 23–38;
// HNW I (doi:10.1007/978-3-540-78862-1) Sect. II.1. Error estimate (explicit Euler) as in
// SciML/OrdinaryDiffEq.jl lib/OrdinaryDiffEqLowOrderRK/src/fixed_timestep_perform_step.jl.

extension ExplicitRKTableau {
  /// Heun's method (explicit trapezoidal rule): k₂ = f(tₙ + h, uₙ + h k₁), uₙ₊₁ = uₙ + (h/2)(k₁ +
  /// k₂). The error is estimated against explicit Euler (b̂ = (1, 0)), as OrdinaryDiffEq.jl does;
  /// the dense output is the free quadratic interpolant b₁(θ) = θ − θ²/2, b₂(θ) = θ²/2.
  ///
  /// Order 2, embedded order 1, 2 stages, not FSAL, free 2nd-order interpolant.
  /// K. Heun, "Neue Methoden zur approximativen Integration der Differentialgleichungen einer
  /// unabhängigen Veränderlichen", Z. Math. Phys. 45 (1900) 23–38.
  public static let heun = ExplicitRKTableau(
    name: "Heun",
    order: 2,
    embeddedOrder: 1,
    stageCount: 2,
    isFSAL: false,
    c: [0.0, 1.0],
    a: [
      1.0  // a21
    ],
    b: [0.5, 0.5],
    bTilde: [-0.5, 0.5],
    interpolantOrder: 2,
    interpolantDegree: 2,
    interpolant: [
      // b1(θ): θ, θ²
      1.0, -0.5,
      // b2(θ)
      0.0, 0.5,
    ]
  )
}

/// Heun's method (`Heun()`), with an embedded Euler error estimate.
///
/// Order 2, embedded order 1, 2 stages, not FSAL, 2nd-order free interpolant.
public struct Heun: ExplicitRKAlgorithm {
  /// Creates the algorithm.
  public init() {}
  /// The coefficients: ``ExplicitRKTableau/heun``.
  public var tableau: ExplicitRKTableau { .heun }
}
