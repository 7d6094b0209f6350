module

/-!
# Threshold circuits

The circuits of the TypeScript side (`src/circuit/ir.ts`), with the same wire numbering:
wire 0 is constant false, wire 1 constant true, wires `2 .. 2 + numInputs - 1` are the input
bits, and gate `k` defines wire `base + k` where `base = 2 + numInputs`. Every gate is a weighted
threshold gate `[∑ wᵢ xᵢ ≥ t]` with integer weights.

Evaluation and depth are both computed by `run`, which walks the gates in order and extends an
environment `Nat → α` one wire at a time; the composition theorems of `TC0.Compose` are proved
once for `run` and used for both.
-/

@[expose] public noncomputable section

namespace TC0

/-- A weighted threshold gate `[∑ wᵢ xᵢ ≥ threshold]`; `inputs` lists (wire, weight) pairs. -/
structure Gate where
  inputs : List (Nat × Int)
  threshold : Int
  deriving DecidableEq, Repr

/-- A circuit: input width, gates in topological order, output wires. -/
structure Circuit where
  numInputs : Nat
  gates : List Gate
  outputs : List Nat
  deriving DecidableEq, Repr

/-- The first gate wire. -/
def Circuit.base (c : Circuit) : Nat := 2 + c.numInputs

/-- Sum of the weights of the inputs that are on. -/
def Gate.weightedSum (g : Gate) (val : Nat → Bool) : Int :=
  (g.inputs.map fun p => if val p.1 then p.2 else 0).sum

/-- The gate's output given the values of all wires. -/
def Gate.eval (g : Gate) (val : Nat → Bool) : Bool :=
  decide (g.threshold ≤ g.weightedSum val)

/-- The largest element of a list of naturals (0 for the empty list). -/
def maxList (l : List Nat) : Nat := l.foldr max 0

/-- The gate's depth given the depths of all wires: one more than its deepest input. -/
def Gate.depth (g : Gate) (d : Nat → Nat) : Nat :=
  maxList (g.inputs.map fun p => d p.1) + 1

/-- Runs gates in order: gate k defines wire `base + k` by `interp` from the earlier wires. -/
def run {α : Type} (interp : Gate → (Nat → α) → α) : List Gate → Nat → (Nat → α) → (Nat → α)
  | [], _, env => env
  | g :: gs, base, env => run interp gs (base + 1) (fun w => if w = base then interp g env else env w)

/-- Wire values for input bits `x` (input bit i is wire 2 + i). -/
def inputEnv (x : Nat → Bool) : Nat → Bool :=
  fun w => if w = 1 then true else if w < 2 then false else x (w - 2)

/-- Value of every wire. -/
def Circuit.values (c : Circuit) (x : Nat → Bool) : Nat → Bool :=
  run Gate.eval c.gates c.base (inputEnv x)

/-- The output bits. -/
def Circuit.eval (c : Circuit) (x : Nat → Bool) : List Bool :=
  c.outputs.map (c.values x)

/-- Depth of every wire (constants and inputs have depth 0). -/
def Circuit.depths (c : Circuit) : Nat → Nat :=
  run Gate.depth c.gates c.base (fun _ => 0)

/-- Depth: the longest path from an input to an output, counted in gates. -/
def Circuit.depth (c : Circuit) : Nat := maxList (c.outputs.map c.depths)

/-- Size: the number of gates. -/
def Circuit.size (c : Circuit) : Nat := c.gates.length

/-- Gates read only earlier wires, starting at wire `b`. -/
def GatesWF : List Gate → Nat → Prop
  | [], _ => True
  | g :: gs, b => (∀ p ∈ g.inputs, p.1 < b) ∧ GatesWF gs (b + 1)

instance decGatesWF : (gs : List Gate) → (b : Nat) → Decidable (GatesWF gs b)
  | [], _ => isTrue trivial
  | g :: gs, b =>
    have := decGatesWF gs (b + 1)
    inferInstanceAs (Decidable ((∀ p ∈ g.inputs, p.1 < b) ∧ GatesWF gs (b + 1)))

/-- A well-formed circuit: gates read earlier wires only (so it is acyclic), outputs exist. -/
structure Circuit.WellFormed (c : Circuit) : Prop where
  gates : GatesWF c.gates c.base
  outputs : ∀ w ∈ c.outputs, w < c.base + c.gates.length

instance (c : Circuit) : Decidable c.WellFormed :=
  decidable_of_iff (GatesWF c.gates c.base ∧ ∀ w ∈ c.outputs, w < c.base + c.gates.length)
    ⟨fun ⟨a, b⟩ => ⟨a, b⟩, fun ⟨a, b⟩ => ⟨a, b⟩⟩

/-- Little-endian bits of `n`, `width` of them. -/
def bits (n width : Nat) : List Bool := (List.range width).map fun i => n.testBit i

/-- Evaluates on the input bits of the number `x` (bit i of `x` is input bit i). -/
def Circuit.evalNat (c : Circuit) (x : Nat) : List Bool := c.eval fun i => x.testBit i

/-! ## Basic facts -/

theorem le_maxList {a : Nat} {l : List Nat} (h : a ∈ l) : a ≤ maxList l := by
  induction l with
  | nil => cases h
  | cons b l ih =>
    simp only [maxList, List.foldr] at ih ⊢
    cases h with
    | head => exact Nat.le_max_left _ _
    | tail _ h => exact Nat.le_trans (ih h) (Nat.le_max_right _ _)

theorem maxList_le {m : Nat} {l : List Nat} (h : ∀ a ∈ l, a ≤ m) : maxList l ≤ m := by
  induction l with
  | nil => exact Nat.zero_le _
  | cons b l ih =>
    simp only [maxList, List.foldr] at ih ⊢
    exact Nat.max_le.mpr ⟨h b (List.mem_cons_self ..), ih fun a ha => h a (List.mem_cons_of_mem _ ha)⟩

/-- `run` leaves the wires below its base alone. -/
theorem run_below {α : Type} (I : Gate → (Nat → α) → α) (gs : List Gate) (b : Nat) (E : Nat → α)
    (w : Nat) (hw : w < b) : run I gs b E w = E w := by
  induction gs generalizing b E with
  | nil => rfl
  | cons g gs ih =>
    simp only [run]
    rw [ih (b + 1) _ (by omega)]
    simp [Nat.ne_of_lt hw]

theorem run_append {α : Type} (I : Gate → (Nat → α) → α) (gs hs : List Gate) (b : Nat) (E : Nat → α) :
    run I (gs ++ hs) b E = run I hs (b + gs.length) (run I gs b E) := by
  induction gs generalizing b E with
  | nil => rfl
  | cons g gs ih =>
    simp only [List.cons_append, run, ih, List.length_cons]
    congr 1
    omega

end TC0
