/// A time at which the solution of a delay equation is not smooth: its derivative of order
/// `order` jumps there (order 0: the state itself jumps, as at `t₀` when the history does not
/// end at `u₀`).
///
/// The method of steps makes every tracked discontinuity a step boundary. A discontinuity
/// at `ξ` reappears where a lag maps back onto it — at `ξ + τ` for a constant lag `τ`, and
/// where `t − τ(u(t), p, t) = ξ` for a dependent one — one order smoother (the same order for
/// neutral equations), and is followed while its order is at most the method's.
@usableFromInline
struct Discontinuity: Sendable, Equatable {
  /// When.
  @usableFromInline var t: Double
  /// The order of the derivative that jumps.
  @usableFromInline var order: Int

  /// A discontinuity at `t` of order `order`.
  @usableFromInline
  init(t: Double, order: Int) {
    self.t = t
    self.order = order
  }
}
