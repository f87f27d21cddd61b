// B. Owren, M. Zennaro, SIAM J. Sci. Stat. Comput. 13 (1992) 1488–1501,
// doi:10.1137/0913084; numbers from SciML/OrdinaryDiffEq.jl
// lib/OrdinaryDiffEqLowOrderRK/src/low_order_rk_tableaus.jl and interpolants.jl.

extension ExplicitRKTableau {
  /// Owren–Zennaro 3(2): a third-order FSAL pair constructed together with its free third-order
  /// continuous extension, with a second-order embedded solution b̂ = (1/24, 23/24, 0, 0).
  ///
  /// Order 3, embedded order 2, 4 stages, FSAL, free 3rd-order interpolant.
  /// B. Owren, M. Zennaro, "Derivation of efficient, continuous, explicit Runge–Kutta methods",
  /// SIAM J. Sci. Stat. Comput. 13 (1992) 1488–1501, doi:10.1137/0913084.
  public static let owrenZen3 = ExplicitRKTableau(
    name: "OwrenZen3",
    order: 3,
    embeddedOrder: 2,
    stageCount: 4,
    isFSAL: true,
    c: [0.0, 0.5217391304347826, 0.8, 1.0],
    a: [
      0.5217391304347826,  // a21
      -0.18133333333333335, 0.9813333333333333,  // a31 a32
      0.2152777777777778, 0.4592013888888889, 0.3255208333333333,  // a41 a42 a43
    ],
    b: [0.2152777777777778, 0.4592013888888889, 0.3255208333333333, 0.0],
    bTilde: [0.1736111111111111, -0.4991319444444444, 0.3255208333333333, 0.0],
    interpolantOrder: 3,
    interpolantDegree: 3,
    interpolant: [
      // b1(θ): θ, θ², θ³
      1.0, -1.3541666666666667, 0.5694444444444444,
      // b2(θ)
      0.0, 1.3776041666666667, -0.9184027777777778,
      // b3(θ)
      0.0, 0.9765625, -0.6510416666666666,
      // b4(θ)
      0.0, -1.0, 1.0,
    ]
  )
}

/// Owren–Zennaro 3(2) (`OwrenZen3()`): a third-order pair optimised for its free interpolant.
///
/// Order 3, embedded order 2, 4 stages (FSAL), 3rd-order free interpolant.
public struct OwrenZen3: ExplicitRKAlgorithm {
  /// Creates the algorithm.
  public init() {}
  /// The coefficients: ``ExplicitRKTableau/owrenZen3``.
  public var tableau: ExplicitRKTableau { .owrenZen3 }
}
