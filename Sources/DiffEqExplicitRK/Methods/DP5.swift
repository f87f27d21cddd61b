// Coefficients: J. R. Dormand, P. J. Prince, "A family of embedded Runge–Kutta formulae",
// J. Comput. Appl. Math. 6 (1980) 19–26, doi:10.1016/0771-050X(80)90013-3; dense output of
// L. F. Shampine, "Some practical Runge–Kutta formulas", Math. Comp. 46 (1986) 135–150,
// doi:10.1090/S0025-5718-1986-0815836-3, in Hairer's contd5 form (dopri5.f; Hairer–Nørsett–Wanner
// I, Sec. II.6) expanded exactly into monomials. Numbers (exact rationals) from
// SciML/OrdinaryDiffEq.jl lib/OrdinaryDiffEqLowOrderRK/src/low_order_rk_tableaus.jl
// (DP5ConstantCacheActual, DP5_dense_ds). bTilde = b − b̂; OrdinaryDiffEq.jl stores
// btilde = b̂ − b (same estimate, opposite sign).

import DiffEqBase

extension ExplicitRKTableau {
  /// Dormand–Prince 5(4) (DOPRI5): the classic 7-stage FSAL pair with local extrapolation; it
  /// propagates the 5th-order solution, estimates the error with the 4th-order one, and carries
  /// Shampine's 4th-order continuous extension at no extra cost.
  ///
  /// Order 5, embedded order 4, 7 stages, FSAL, free 4th-order interpolant.
  /// J. R. Dormand, P. J. Prince, "A family of embedded Runge–Kutta formulae",
  /// J. Comput. Appl. Math. 6 (1980) 19–26, doi:10.1016/0771-050X(80)90013-3.
  public static let dp5 = ExplicitRKTableau(
    name: "DP5",
    order: 5,
    embeddedOrder: 4,
    stageCount: 7,
    isFSAL: true,
    c: [0.0, 0.2, 0.3, 0.8, 0.8888888888888888, 1.0, 1.0],
    a: [
      0.2,  // a21
      0.075, 0.225,  // a31 a32
      0.9777777777777777, -3.7333333333333334, 3.5555555555555554,  // a41 … a43
      2.9525986892242035, -11.595793324188385, 9.822892851699436, -0.2908093278463649,  // a51 … a54
      // a61 … a65
      2.8462752525252526, -10.757575757575758, 8.906422717743473, 0.2784090909090909,
      -0.2735313036020583,
      // a71 … a76
      0.09114583333333333, 0.0, 0.44923629829290207, 0.6510416666666666, -0.322376179245283,
      0.13095238095238096,
    ],
    b: [
      0.09114583333333333, 0.0, 0.44923629829290207, 0.6510416666666666, -0.322376179245283,
      0.13095238095238096, 0.0,
    ],
    bTilde: [
      0.0012326388888888888, 0.0, -0.0042527702905061394, 0.03697916666666667, -0.05086379716981132,
      0.0419047619047619, -0.025,
    ],
    interpolantOrder: 4,
    interpolantDegree: 4,
    interpolant: [
      // b1(θ): θ, θ², θ³, θ⁴
      1.0, -2.8535800653862835, 3.0717434641059005, -1.1270175653862835,
      // b2(θ)
      0.0, 0.0, 0.0, 0.0,
      // b3(θ)
      0.0, 4.023133379230305, -6.249321565289, 2.675424484351598,
      // b4(θ)
      0.0, -3.7324019615885042, 10.068970589843675, -5.685526961588504,
      // b5(θ)
      0.0, 2.5548038301849423, -6.399112377351017, 3.5219323679207912,
      // b6(θ)
      0.0, -1.3744241142186024, 3.272657752246729, -1.7672812570757455,
      // b7(θ)
      0.0, 1.3824689317781436, -3.764937863556287, 2.382468931778144,
    ]
  )
}

/// Dormand–Prince 5(4) (`DP5()`): the pair behind MATLAB's `ode45` and Hairer's `dopri5`.
///
/// Order 5, embedded order 4, 7 stages (FSAL), 4th-order free interpolant.
public struct DP5: ExplicitRKAlgorithm {
  /// Creates the algorithm.
  public init() {}
  /// The coefficients: ``ExplicitRKTableau/dp5``.
  public var tableau: ExplicitRKTableau { .dp5 }
  /// DifferentialEquations.jl's DP5 gains: `β₂ = 0.04`, `β₁ = 1/5 − 3β₂/4 = 0.17`.
  public var controllerDefaults: ControllerDefaults {
    ControllerDefaults(beta1: 0.17, beta2: 0.04, qmin: 0.2, qmax: 10, gamma: 0.9)
  }
}
