module

public import TC0.Circuit
public import TC0.Compose
public import TC0.Attention
public import TC0.Complexity
public import TC0.S5
public import TC0.FixedMembership
public import TC0.ClosureTable
public import TC0.Closure
public import TC0.Arch.Basic
public import TC0.Arch.Compile
public import TC0.Arch.Family
public import TC0.Arch.Ops
public import TC0.Arch.Programs
public import TC0.Arch.Bridge
public import TC0.Arith.Basic
public import TC0.Arith.Int
public import TC0.Arith.Fixed

/-!
# TC0: threshold circuits for the tc0 workbench

The library root. Read `README.md` in this folder for a guide through the files.
-/
