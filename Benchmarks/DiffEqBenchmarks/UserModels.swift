import DifferentialEquations

// Lorenz written in this module, as a user's model is: the C-baseline comparison times the
// solver on a model the optimizer sees from the client's side, the common case.

/// Lorenz 63 (σ = 10, ρ = 28, β = 8/3) on `StaticVector<3, Double>`, defined by the client.
struct ClientLorenzStatic: ODEFunction {
  func callAsFunction(
    _ du: inout StaticVector<3, Double>, _ u: StaticVector<3, Double>, _ p: NullParameters,
    _ t: Double
  ) {
    du[0] = 10.0 * (u[1] - u[0])
    du[1] = u[0] * (28.0 - u[2]) - u[1]
    du[2] = u[0] * u[1] - (8.0 / 3.0) * u[2]
  }
}
