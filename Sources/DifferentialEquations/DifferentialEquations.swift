@_exported import DiffEqBDF
// The umbrella module: `import DifferentialEquations` brings in the core and every method
// family.
@_exported import DiffEqBase
@_exported import DiffEqDAE
@_exported import DiffEqDDE
@_exported import DiffEqExplicitRK
@_exported import DiffEqRosenbrock
@_exported import DiffEqSDE
@_exported import MultiScaleArrays
