// B. Owren, M. Zennaro, SIAM J. Sci. Stat. Comput. 13 (1992) 1488–1501,
// doi:10.1137/0913084; numbers from SciML/OrdinaryDiffEq.jl
// lib/OrdinaryDiffEqLowOrderRK/src/low_order_rk_tableaus.jl and interpolants.jl.

extension ExplicitRKTableau {
  /// Owren–Zennaro 5(4): a fifth-order FSAL pair constructed together with its free fifth-order
  /// continuous extension (stage 2 enters neither the weights nor the interpolant), with a
  /// fourth-order embedded solution b̂ = (−1/9, 0, 40/33, −7/4, −1/12, 343/198, 0, 0).
  ///
  /// Order 5, embedded order 4, 8 stages, FSAL, free 5th-order interpolant.
  /// B. Owren, M. Zennaro, "Derivation of efficient, continuous, explicit Runge–Kutta methods",
  /// SIAM J. Sci. Stat. Comput. 13 (1992) 1488–1501, doi:10.1137/0913084.
  public static let owrenZen5 = ExplicitRKTableau(
    name: "OwrenZen5",
    order: 5,
    embeddedOrder: 4,
    stageCount: 8,
    isFSAL: true,
    c: [0.0, 0.16666666666666666, 0.25, 0.5, 0.5, 0.6428571428571429, 0.875, 1.0],
    a: [
      0.16666666666666666,  // a21
      0.0625, 0.1875,  // a31 a32
      0.25, -0.75, 1.0,  // a41 a42 a43
      -0.75, 3.75, -3.0, 0.5,  // a51 a52 a53 a54
      // a61 … a65
      0.26895043731778423, -0.7084548104956269, 0.8658892128279884, 0.15462307371928363,
      0.06184922948771345,
      // a71 … a76
      -0.02947695035460993, 0.18500664893617022, 0.4802345261121857, -0.5337849069148937,
      -0.013090093085106383, 0.7861107753062541,
      // a81 … a87
      0.08783068783068783, 0.0, 0.3006060606060606, 0.22777777777777777, 0.027777777777777776,
      0.06218596218596219, 0.2938217338217338,
    ],
    b: [
      0.08783068783068783, 0.0, 0.3006060606060606, 0.22777777777777777, 0.027777777777777776,
      0.06218596218596219, 0.2938217338217338, 0.0,
    ],
    bTilde: [
      0.19894179894179895, 0.0, -0.9115151515151515, 1.9777777777777779, 0.1111111111111111,
      -1.67013727013727, 0.2938217338217338, 0.0,
    ],
    interpolantOrder: 5,
    interpolantDegree: 5,
    interpolant: [
      // b1(θ): θ, θ², θ³, θ⁴, θ⁵
      1.0, -4.0195360195360195, 7.282458282458283, -6.067155067155067, 1.892063492063492,
      // b2(θ)
      0.0, 0.0, 0.0, 0.0, 0.0,
      // b3(θ)
      0.0, 7.14965034965035, -20.31142191142191, 20.676923076923078, -7.214545454545455,
      // b4(θ)
      0.0, -2.3653846153846154, 13.508547008547009, -18.78205128205128, 7.866666666666666,
      // b5(θ)
      0.0, -1.2115384615384615, 4.534188034188034, -5.294871794871795, 2.0,
      // b6(θ)
      0.0, -1.219801565955412, 1.1958838881915805, 1.5785667324128863, -1.4924630924630924,
      // b7(θ)
      0.0, 3.0512256973795435, -11.978886071193763, 16.273203719357564, -7.051721611721612,
      // b8(θ)
      0.0, -1.3846153846153846, 5.769230769230769, -8.384615384615385, 4.0,
    ]
  )
}

/// Owren–Zennaro 5(4) (`OwrenZen5()`): a fifth-order pair optimised for its free interpolant.
///
/// Order 5, embedded order 4, 8 stages (FSAL), 5th-order free interpolant.
public struct OwrenZen5: ExplicitRKAlgorithm {
  /// Creates the algorithm.
  public init() {}
  /// The coefficients: ``ExplicitRKTableau/owrenZen5``.
  public var tableau: ExplicitRKTableau { .owrenZen5 }
}
