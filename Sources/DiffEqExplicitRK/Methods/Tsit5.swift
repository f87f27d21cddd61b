// Coefficients: Ch. Tsitouras, "Runge–Kutta pairs of order 5(4) satisfying only the first column
// simplifying assumption", Comput. Math. Appl. 62 (2011) 770–775, doi:10.1016/j.camwa.2011.06.002.
// Numbers from SciML/OrdinaryDiffEq.jl lib/OrdinaryDiffEqTsit5/src/tsit_tableaus.jl (the BigFloat
// c, a, btilde), correctly rounded. The interpolant is the solution, in 120-digit arithmetic from
// that tableau, of the 4th-order dense-output conditions with Tsitouras' choices (bᵢ'(0) = δᵢ₁,
// b₇(θ) = 5θ²(θ − 1)(θ − 3/5)/2, b₆(θ)/θ² vanishing at 6/5 and 2/3); it agrees with the file's
// r11 … r74 to ~1e-17 and rounds to the same doubles except r22 (0.1317, not 0.13169999999999998).
// bTilde = b − b̂; OrdinaryDiffEq.jl stores btilde = b̂ − b (same estimate, opposite sign).

extension ExplicitRKTableau {
  /// Tsitouras 5(4): a 7-stage FSAL pair whose coefficients satisfy only the first-column
  /// simplifying assumption, which frees them to be optimised for a small principal truncation
  /// error; it propagates the 5th-order solution and estimates the error with the 4th-order one.
  ///
  /// Order 5, embedded order 4, 7 stages, FSAL, free 4th-order interpolant.
  /// Ch. Tsitouras, "Runge–Kutta pairs of order 5(4) satisfying only the first column
  /// simplifying assumption", Comput. Math. Appl. 62 (2011) 770–775,
  /// doi:10.1016/j.camwa.2011.06.002.
  public static let tsit5 = ExplicitRKTableau(
    name: "Tsit5",
    order: 5,
    embeddedOrder: 4,
    stageCount: 7,
    isFSAL: true,
    c: [0.0, 0.161, 0.327, 0.9, 0.9800255409045097, 1.0, 1.0],
    a: [
      0.161,  // a21
      -0.008480655492356989, 0.335480655492357,  // a31 a32
      2.8971530571054935, -6.359448489975075, 4.3622954328695815,  // a41 … a43
      // a51 … a54
      5.325864828439257, -11.748883564062828, 7.4955393428898365, -0.09249506636175525,
      // a61 … a65
      5.86145544294642, -12.92096931784711, 8.159367898576159, -0.071584973281401,
      -0.028269050394068383,
      // a71 … a76
      0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742, -3.290069515436081,
      2.324710524099774,
    ],
    b: [
      0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742, -3.290069515436081,
      2.324710524099774, 0.0,
    ],
    bTilde: [
      0.0017800110522257714, 0.0008164344596567469, -0.007880878010261995, 0.1447110071732629,
      -0.5823571654525552, 0.45808210592918697, -0.015151515151515152,
    ],
    interpolantOrder: 4,
    interpolantDegree: 4,
    interpolant: [
      // b1(θ): θ, θ², θ³, θ⁴
      1.0, -2.763706197274826, 2.9132554618219126, -1.0530884977290216,
      // b2(θ)
      0.0, 0.1317, -0.2234, 0.1017,
      // b3(θ)
      0.0, 3.9302962368947516, -5.941033872131505, 2.490627285651253,
      // b4(θ)
      0.0, -12.411077166933676, 30.33818863028232, -16.548102889244902,
      // b5(θ)
      0.0, 37.50931341651104, -88.1789048947664, 47.37952196281928,
      // b6(θ)
      0.0, -27.896526289197286, 65.09189467479366, -34.87065786149661,
      // b7(θ)
      0.0, 1.5, -4.0, 2.5,
    ]
  )
}

/// Tsitouras 5(4) (`Tsit5()`): the recommended default for non-stiff problems at moderate
/// tolerances.
///
/// Order 5, embedded order 4, 7 stages (FSAL), 4th-order free interpolant.
public struct Tsit5: ExplicitRKAlgorithm {
  /// Creates the algorithm.
  public init() {}
  /// The coefficients: ``ExplicitRKTableau/tsit5``.
  public var tableau: ExplicitRKTableau { .tsit5 }
}
