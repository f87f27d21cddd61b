// B. Owren, M. Zennaro, SIAM J. Sci. Stat. Comput. 13 (1992) 1488–1501,
// doi:10.1137/0913084; numbers from SciML/OrdinaryDiffEq.jl
// lib/OrdinaryDiffEqLowOrderRK/src/low_order_rk_tableaus.jl and interpolants.jl.

extension ExplicitRKTableau {
  /// Owren–Zennaro 4(3): a fourth-order FSAL pair constructed together with its free fourth-order
  /// continuous extension (stage 2 enters neither the weights nor the interpolant), with a
  /// third-order embedded solution b̂ = (101/363, 0, −1369/14520, 11849/14520, 0, 0).
  ///
  /// Order 4, embedded order 3, 6 stages, FSAL, free 4th-order interpolant.
  /// B. Owren, M. Zennaro, "Derivation of efficient, continuous, explicit Runge–Kutta methods",
  /// SIAM J. Sci. Stat. Comput. 13 (1992) 1488–1501, doi:10.1137/0913084.
  public static let owrenZen4 = ExplicitRKTableau(
    name: "OwrenZen4",
    order: 4,
    embeddedOrder: 3,
    stageCount: 6,
    isFSAL: true,
    c: [0.0, 0.16666666666666666, 0.2972972972972973, 0.6470588235294118, 0.8666666666666667, 1.0],
    a: [
      0.16666666666666666,  // a21
      0.03214024835646457, 0.26515704894083275,  // a31 a32
      0.6895990230002036, -1.6993690209647874, 1.6568288214939955,  // a41 a42 a43
      // a51 … a54
      -0.09002509947964493, 0.6817777777777778, -0.2402791551882461, 0.5151931435567799,
      // a61 … a65
      0.08990252172070354, 0.0, 0.4360623278236915, 0.1842858372687918, 0.2897493131868132,
    ],
    b: [0.08990252172070354, 0.0, 0.4360623278236915, 0.1842858372687918, 0.2897493131868132, 0.0],
    bTilde: [
      -0.18833439287984743, 0.0, 0.5303460743801653, -0.6317609946871311, 0.2897493131868132, 0.0,
    ],
    interpolantOrder: 4,
    interpolantDegree: 4,
    interpolant: [
      // b1(θ): θ, θ², θ³, θ⁴
      1.0, -2.7816420221000375, 2.922894131082889, -1.0513495872621479,
      // b2(θ)
      0.0, 0.0, 0.0, 0.0,
      // b3(θ)
      0.0, 3.7348239070090217, -5.725398502723277, 2.4266369235379472,
      // b4(θ)
      0.0, -0.21765607960741548, 1.1724555082899983, -0.7705135914137909,
      // b5(θ)
      0.0, -1.9950677900343932, 5.149132832816039, -2.8643157295948325,
      // b6(θ)
      0.0, 1.2595419847328244, -3.519083969465649, 2.2595419847328246,
    ]
  )
}

/// Owren–Zennaro 4(3) (`OwrenZen4()`): a fourth-order pair optimised for its free interpolant.
///
/// Order 4, embedded order 3, 6 stages (FSAL), 4th-order free interpolant.
public struct OwrenZen4: ExplicitRKAlgorithm {
  /// Creates the algorithm.
  public init() {}
  /// The coefficients: ``ExplicitRKTableau/owrenZen4``.
  public var tableau: ExplicitRKTableau { .owrenZen4 }
}
