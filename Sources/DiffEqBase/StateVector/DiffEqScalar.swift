/// A floating-point scalar a state vector can hold: `Double` or `Float`.
///
/// Time is always `Double`; vector operations take `Double` coefficients and convert them
/// once to the state's scalar.
public protocol DiffEqScalar: BinaryFloatingPoint, Sendable {}

extension Double: DiffEqScalar {}
extension Float: DiffEqScalar {}
