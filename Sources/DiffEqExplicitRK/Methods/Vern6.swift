// J. H. Verner, "Numerically optimal Runge–Kutta pairs with interpolants", Numer. Algorithms
// 53 (2010) 383–396, doi:10.1007/s11075-009-9290-3 (coefficients from Verner's website).
// Numbers taken from SciML/OrdinaryDiffEq.jl lib/OrdinaryDiffEqVerner/src/verner_tableaus.jl
// (exact rationals of the generic `Vern6Tableau(T, T2)`, `Vern6ExtraStages`,
// `Vern6InterpolationCoefficients`), each rounded once to the nearest Double; stage numbering
// as in verner_addsteps.jl / interpolants.jl. bTilde = b − b̂ for the 5th-order b̂ (which uses
// the FSAL stage 9, b̂₉ = 1/30); OrdinaryDiffEq.jl stores Vern6's btilde as b̂ − b.

extension ExplicitRKTableau {
  /// Verner's "most efficient" 6(5) pair: 9 stages with FSAL (the 9th stage is f(tₙ₊₁, uₙ₊₁);
  /// its a-row is `b`, `b₉ = 0`), so 8 new evaluations per step; stages 2 and 3 enter neither
  /// `b` nor `b̂`. Its 6th-order dense output adds 3 lazily evaluated stages (10–12) and uses the
  /// degree-6 weight polynomials of OrdinaryDiffEq.jl (`b₂(θ) = b₃(θ) = 0`).
  ///
  /// Order 6, embedded order 5, 9 stages, FSAL, 12 stages with the interpolant,
  /// 6th-order interpolant.
  /// J. H. Verner, "Numerically optimal Runge–Kutta pairs with interpolants",
  /// Numer. Algorithms 53 (2010) 383–396, doi:10.1007/s11075-009-9290-3.
  public static let vern6 = ExplicitRKTableau(
    name: "Vern6",
    order: 6,
    embeddedOrder: 5,
    stageCount: 9,
    isFSAL: true,
    c: [
      // step stages 1–9
      0.0, 0.06, 0.09593333333333333, 0.1439, 0.4973, 0.9725, 0.9995, 1.0, 1.0,
      // lazy interpolation stages 10–12
      0.5, 0.828, 0.28,
    ],
    a: [
      // a2,1
      0.06,
      // a3,1 … a3,2
      0.019239962962962962, 0.07669337037037037,
      // a4,1 … a4,3
      0.035975, 0.0, 0.107925,
      // a5,1 … a5,4
      1.3186834152331484, 0.0, -5.042058063628562, 4.220674648395414,
      // a6,1 … a6,5
      -41.872591664327516, 0.0, 159.4325621631375, -122.11921356501003, 5.531743066200054,
      // a7,1 … a7,6
      -54.430156935316504, 0.0, 207.06725136501848, -158.61081378459, 6.991816585950242,
      -0.018597231062203234,
      // a8,1 … a8,7
      -54.66374178728198, 0.0, 207.95280625538936, -159.2889574744995, 7.018743740796944,
      -0.018338785905045722, -0.0005119484997882099,
      // a9,1 … a9,8 (FSAL: c = 1, row = b)
      0.03438957868357036, 0.0, 0.0, 0.2582624555633503, 0.4209371189673537, 4.40539646966931,
      -176.48311902429865, 172.36413340141507,
      // a10,1 … a10,9 (lazy)
      0.016524159013572806, 0.0, 0.0, 0.3053128187514179, 0.2071200938201979, -1.293879140655123,
      57.11988411588149, -55.87979207510932, 0.024830028297766014,
      // a11,1 … a11,10 (lazy)
      0.038150081818627744, 0.0, 0.0, 0.2502358252513705, 0.3249441447817608, 1.8224606658327962,
      -67.7137233269262, 66.03587911808127, -0.0363881087495127, 0.106441599909888,
      // a12,1 … a12,11 (lazy)
      0.11178168039666012, 0.0, 0.0, 0.025757505109345213, 3.785140856363646, 92.34088993695727,
      -3819.461508432344, 3732.492711530704, -1.0756940209963033, -3.231539970732086,
      -4.7075390854586345,
    ],
    b: [
      0.03438957868357036, 0.0, 0.0, 0.2582624555633503, 0.4209371189673537, 4.40539646966931,
      -176.48311902429865, 172.36413340141507, 0.0,
    ],
    bTilde: [
      -0.008623404282200852, 0.0, 0.0, 0.019434029953152708, -0.028450072588037983,
      2.109711061065291, -103.45854289996399, 101.39980461914911, -0.03333333333333333,
    ],
    interpolantOrder: 6,
    interpolantDegree: 6,
    interpolant: [
      // b1(θ): θ, θ², … θ⁶
      1.0, -7.778593856495575, 27.0524385722671, -45.780190114576975, 36.72377741043638,
      -11.183042432947357,
      // b2(θ)
      0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
      // b3(θ)
      0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
      // b4(θ)
      0.0, 16.632102138279762, -86.25583404770623, 171.7330546182696, -149.67744091315947,
      47.826380659879696,
      // b5(θ)
      0.0, 27.10835046149758, -140.58676162962996, 279.9044757968917, -243.95644583707966,
      77.95131832728772,
      // b6(θ)
      0.0, 283.70753264670356, -1471.3371557366656, 2929.3928569314394, -2553.17199842168,
      815.8141610498723,
      // b7(θ)
      0.0, -11365.512865164834, 58942.74718938947, -117353.43045697975, 102281.77209230464,
      -32682.059078573824,
      // b8(θ)
      0.0, 11100.250191051131, -57567.067013355576, 114614.48808378985, -99894.591091309,
      31919.283963225014,
      // b9(θ)
      0.0, -3.0022825150732126, 14.946122435958785, -27.826954732510288, 21.824672217437076,
      -5.941557405812358,
      // b10(θ)
      0.0, -19.610347376201034, 93.13370014508226, -165.3493635542416, 129.73901617804057,
      -37.91300539268019,
      // b11(θ)
      0.0, -18.23029074639409, 96.74593449012313, -199.08634973839895, 180.85605899200485,
      -60.285352997334954,
      // b12(θ)
      0.0, -13.563796638614157, 90.62137973668116, -204.04515601697273, 190.48135937835858,
      -63.493786459452856,
    ]
  )
}

/// Verner's "most efficient" 6(5) pair (`Vern6()`): for non-stiff problems solved to high
/// accuracy (tolerances about 1e-8 to 1e-12, with Vern7 and Vern8).
///
/// Order 6, embedded order 5, 9 stages (FSAL), 6th-order interpolant from 3 lazy extra stages.
public struct Vern6: ExplicitRKAlgorithm {
  /// Creates the algorithm.
  public init() {}
  /// The coefficients: ``ExplicitRKTableau/vern6``.
  public var tableau: ExplicitRKTableau { .vern6 }
}
