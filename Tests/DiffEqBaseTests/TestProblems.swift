import DifferentialEquations
import Foundation

// Small problems with known solutions, shared by the DiffEqBase tests.

/// `u′ = −u`, `u(0) = 1` on `[0, 2]`: `u(t) = e^{−t}`.
let decay = ODEProblem(u0: [1.0], tspan: (0.0, 2.0)) { du, u, _, _ in du[0] = -u[0] }

/// The exact solution of ``decay``.
func decayExact(_ t: Double) -> Double { exp(-t) }

/// The harmonic oscillator `x″ = −x` as `(x, v)` with `x(0) = 1`, `v(0) = 0` on `[0, 10]`:
/// `x = cos t`, `v = −sin t`.
let oscillator = ODEProblem(u0: [1.0, 0.0], tspan: (0.0, 10.0)) { du, u, _, _ in
  du[0] = u[1]
  du[1] = -u[0]
}

/// The exact solution of ``oscillator``.
func oscillatorExact(_ t: Double) -> [Double] { [cos(t), -sin(t)] }

/// The Lorenz system (σ = 10, ρ = 28, β = 8/3) from `(1, 0, 0)` on `[0, 100]`.
let lorenz = ODEProblem(u0: [1.0, 0.0, 0.0], tspan: (0.0, 100.0), p: [10.0, 28.0, 8.0 / 3.0]) {
  du, u, p, _ in
  du[0] = p[0] * (u[1] - u[0])
  du[1] = u[0] * (p[1] - u[2]) - u[1]
  du[2] = u[0] * u[1] - p[2] * u[2]
}

/// The largest componentwise distance between two states.
func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
  zip(a, b).map { abs($0 - $1) }.max() ?? 0
}
