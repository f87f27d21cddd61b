// P. Bogacki, L. F. Shampine, Appl. Math. Lett. 2 (1989) 321–325,
// doi:10.1016/0893-9659(89)90079-7; numbers from SciML/OrdinaryDiffEq.jl
// lib/OrdinaryDiffEqLowOrderRK/src/low_order_rk_tableaus.jl; dense output: the cubic Hermite
// interpolant OrdinaryDiffEq.jl uses for BS3, expanded into the monomial form.

extension ExplicitRKTableau {
  /// Bogacki–Shampine 3(2): the third-order FSAL pair behind MATLAB's ode23, with a second-order
  /// embedded solution b̂ = (7/24, 1/4, 1/3, 1/8). The dense output is the cubic Hermite
  /// interpolant through uₙ, uₙ₊₁ and the slopes k₁ = f(tₙ, uₙ), k₄ = f(tₙ₊₁, uₙ₊₁), written as
  /// bᵢ(θ) = (3θ² − 2θ³) bᵢ + [i = 1](θ − 2θ² + θ³) + [i = 4](θ³ − θ²).
  ///
  /// Order 3, embedded order 2, 4 stages, FSAL, 3rd-order Hermite interpolant.
  /// P. Bogacki, L. F. Shampine, "A 3(2) pair of Runge–Kutta formulas", Appl. Math. Lett. 2 (1989)
  /// 321–325, doi:10.1016/0893-9659(89)90079-7.
  public static let bs3 = ExplicitRKTableau(
    name: "BS3",
    order: 3,
    embeddedOrder: 2,
    stageCount: 4,
    isFSAL: true,
    c: [0.0, 0.5, 0.75, 1.0],
    a: [
      0.5,  // a21
      0.0, 0.75,  // a31 a32
      0.2222222222222222, 0.3333333333333333, 0.4444444444444444,  // a41 a42 a43
    ],
    b: [0.2222222222222222, 0.3333333333333333, 0.4444444444444444, 0.0],
    bTilde: [-0.06944444444444445, 0.08333333333333333, 0.1111111111111111, -0.125],
    interpolantOrder: 3,
    interpolantDegree: 3,
    interpolant: [
      // b1(θ): θ, θ², θ³
      1.0, -1.3333333333333333, 0.5555555555555556,
      // b2(θ)
      0.0, 1.0, -0.6666666666666666,
      // b3(θ)
      0.0, 1.3333333333333333, -0.8888888888888888,
      // b4(θ)
      0.0, -1.0, 1.0,
    ]
  )
}

/// Bogacki–Shampine 3(2) (`BS3()`): a cheap FSAL pair for non-stiff problems at loose tolerances.
///
/// Order 3, embedded order 2, 4 stages (FSAL), 3rd-order Hermite interpolant.
public struct BS3: ExplicitRKAlgorithm {
  /// Creates the algorithm.
  public init() {}
  /// The coefficients: ``ExplicitRKTableau/bs3``.
  public var tableau: ExplicitRKTableau { .bs3 }
}
