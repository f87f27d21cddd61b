import DiffEqBase

/// The stage vectors of a seven-stage FSAL pair (Tsit5, DP5) as named stored properties.
///
/// The unrolled step reads `k1[i] … k7[i]` straight from this struct, held in a local variable
/// for the step: no array of arrays, no uniqueness checks on an outer array, which is what
/// brings the step to the speed of the same loop written in C.
@usableFromInline
struct SevenStageCache<State: StateVector> {
  @usableFromInline var k1: State
  @usableFromInline var k2: State
  @usableFromInline var k3: State
  @usableFromInline var k4: State
  @usableFromInline var k5: State
  @usableFromInline var k6: State
  @usableFromInline var k7: State

  @usableFromInline
  init(prototype: State) {
    k1 = prototype.zeroed()
    k2 = prototype.zeroed()
    k3 = prototype.zeroed()
    k4 = prototype.zeroed()
    k5 = prototype.zeroed()
    k6 = prototype.zeroed()
    k7 = prototype.zeroed()
  }

  /// Copies the stages into `k[0 ..< 7]` (for interpolation and recording; no allocation).
  @inlinable
  func copy(into k: inout [State]) {
    k[0].assign(k1)
    k[1].assign(k2)
    k[2].assign(k3)
    k[3].assign(k4)
    k[4].assign(k5)
    k[5].assign(k6)
    k[6].assign(k7)
  }
}
