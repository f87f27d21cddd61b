/// One node of a multi-scale model, as a value to build a ``MultiScaleArray`` from or to add
/// to one: the node's own values (for example a tissue's signalling molecules) and its child
/// nodes (the tissue's populations). A node without children is a leaf (a cell, with its
/// species).
///
/// ```swift
/// let cell = MultiScaleNode(values: [1.0, 0.2, 0.0, 0.0])
/// let population = MultiScaleNode(children: Array(repeating: cell, count: 10))
/// let embryo = MultiScaleNode(children: [MultiScaleNode(children: [population])])
/// ```
public struct MultiScaleNode: Sendable, Equatable {
  /// The node's own values.
  public var values: [Double]
  /// The child nodes, in order.
  public var children: [MultiScaleNode]

  /// A node with its own `values` and `children`.
  public init(values: [Double] = [], children: [MultiScaleNode] = []) {
    self.values = values
    self.children = children
  }

  /// The number of scalars in the node and all its descendants.
  public var totalCount: Int { values.count + children.reduce(0) { $0 + $1.totalCount } }

  /// The scalars depth first: the node's own values, then each child's.
  func appendFlattened(to storage: inout [Double]) {
    storage.append(contentsOf: values)
    for child in children { child.appendFlattened(to: &storage) }
  }

  /// The node's layout (counts only).
  var layout: MultiScaleLayout {
    MultiScaleLayout(ownCount: values.count, children: children.map(\.layout))
  }
}
