module

public import TC0.Arch.Compile

/-!
# What the workbench's TypeScript family reports, computed in Lean

The compiled circuit of a program has exactly `Program.size C sz` gates (`size_compile`): one
per embedded input bit, and for every entry that applies operation `o` to `k` arguments the
gates of the operation circuit `C.circ o k`. The TypeScript side reports, for the same program
at the same sizes, its operation nodes by (operation, number of operands) and its input
elements. This file lets a generated obligation compare the two exactly, for every choice of
operation circuits:

* `Program.shapes sz p`: the (operation, number of arguments) of every applying entry, in order;
  `Program.embedCount sz p`: the number of embedded entries.
* `Program.size_eq_shapes`: the size is the embedded entries plus the sum of the operation
  circuits' sizes over the shapes.
* `Program.size_eq_tally`: given a tally `T` (distinct shapes with counts) that Lean checks
  against `Program.shapes` by evaluation (`Program.tallyOK`, by `decide`), the size is
  `E + ∑ count * (C.circ o k).size` for every `C`.
* `Program.depthBound_eq_tally`: likewise the depth bound `Program.depthBound D` is
  `E + ∑ steps * D o` for the number of steps of each operation (`Program.stepOps`).
-/

@[expose] public noncomputable section

namespace TC0.Arch

variable {Op : Type} {α : Type}

/-- The operation and the number of arguments of entry `idx`, for an application. -/
def Body.shape (sz idx : List Nat) : Body Op → Option (Op × Nat)
  | .apply o terms => some (o, arity sz terms idx)
  | _ => none

/-- The gates an entry costs besides its operation circuit: one for an embedding. -/
def Body.embeds : Body Op → Nat
  | .embed _ => 1
  | _ => 0

/-- The operation a step applies, if it applies one. -/
def Body.op? : Body Op → Option Op
  | .apply o _ => some o
  | _ => none

/-- The (operation, number of arguments) of every applying entry, step by step. -/
def Program.shapes (sz : List Nat) (p : Program Op) : List (Op × Nat) :=
  p.flatMap fun s => (tuples sz s.dom []).filterMap fun idx => s.body.shape sz idx

/-- The number of embedded entries (one gate each). -/
def Program.embedCount (sz : List Nat) (p : Program Op) : Nat :=
  (p.map fun s => s.body.embeds * (tuples sz s.dom []).length).sum

/-- The operation of every applying step, in order. -/
def Program.stepOps (p : Program Op) : List Op := p.filterMap fun s => s.body.op?

/-- The number of embedding steps (one gate layer each in `depthBound`). -/
def Program.embedSteps (p : Program Op) : Nat := (p.map fun s => s.body.embeds).sum

/-- `T` lists distinct keys, every element of `l` is one of them, and each count is right. -/
def tallyOK [DecidableEq α] (l : List α) (T : List (α × Nat)) : Bool :=
  decide (T.map Prod.fst).Nodup && l.all (fun a => decide (a ∈ T.map Prod.fst)) && T.all (fun t => l.count t.1 == t.2)

theorem sum_append_nat : ∀ l₁ l₂ : List Nat, (l₁ ++ l₂).sum = l₁.sum + l₂.sum
  | [], l₂ => by simp
  | a :: l₁, l₂ => by rw [List.cons_append, List.sum_cons, List.sum_cons, sum_append_nat l₁ l₂, Nat.add_assoc]

theorem sum_size_entries (C : OpCircuits Op) (sz : List Nat) (b : Body Op) : ∀ l : List (List Nat),
    (l.map fun idx => b.size C sz idx).sum =
      b.embeds * l.length + ((l.filterMap fun idx => b.shape sz idx).map fun s => (C.circ s.1 s.2).size).sum
  | [] => by simp
  | idx :: l => by
    have ih := sum_size_entries C sz b l
    rw [List.map_cons, List.sum_cons, List.length_cons, List.filterMap_cons, ih]
    cases b <;> simp only [Body.size, Body.embeds, Body.shape, List.map_cons, List.sum_cons] <;> omega

/-- The size of the compiled circuit (`size_compile`) by shapes. -/
theorem Program.size_eq_shapes (C : OpCircuits Op) (sz : List Nat) : ∀ p : Program Op,
    p.size C sz = p.embedCount sz + ((p.shapes sz).map fun s => (C.circ s.1 s.2).size).sum
  | [] => rfl
  | s :: ss => by
    have ih := Program.size_eq_shapes C sz ss
    simp only [Program.size, Program.embedCount, Program.shapes] at ih ⊢
    simp only [List.map_cons, List.sum_cons, List.flatMap_cons, List.map_append, sum_append_nat]
    rw [sum_size_entries C sz s.body]
    omega

theorem sum_map_split [DecidableEq α] (f : α → Nat) (a : α) : ∀ l : List α,
    (l.map f).sum = l.count a * f a + ((l.filter fun x => !decide (x = a)).map f).sum
  | [] => by simp
  | x :: l => by
    have ih := sum_map_split f a l
    by_cases h : x = a
    · have e1 : (x :: l).count a = l.count a + 1 := by simp [h]
      have e2 : ((x :: l).filter fun y => !decide (y = a)) = l.filter fun y => !decide (y = a) := by simp [h]
      rw [e1, e2, List.map_cons, List.sum_cons, ih, Nat.add_mul, Nat.one_mul, h]
      omega
    · have e1 : (x :: l).count a = l.count a := by simp [h]
      have e2 : ((x :: l).filter fun y => !decide (y = a)) = x :: l.filter fun y => !decide (y = a) := by simp [h]
      rw [e1, e2, List.map_cons, List.sum_cons, List.map_cons, List.sum_cons, ih]
      omega

theorem count_filter_ne [DecidableEq α] (a b : α) (h : b ≠ a) : ∀ l : List α,
    (l.filter fun x => !decide (x = a)).count b = l.count b
  | [] => rfl
  | x :: l => by
    have ih := count_filter_ne a b h l
    by_cases hx : x = a
    · have e : ((x :: l).filter fun y => !decide (y = a)) = l.filter fun y => !decide (y = a) := by simp [hx]
      have e' : (x :: l).count b = l.count b := by simp [hx, Ne.symm h]
      rw [e, e', ih]
    · have e : ((x :: l).filter fun y => !decide (y = a)) = x :: l.filter fun y => !decide (y = a) := by simp [hx]
      rw [e, List.count_cons, List.count_cons, ih]

/-- A sum over a list by a tally of its elements. -/
theorem sum_map_eq_tally [DecidableEq α] (f : α → Nat) : ∀ (T : List (α × Nat)) (l : List α),
    tallyOK l T = true → (l.map f).sum = (T.map fun t => t.2 * f t.1).sum
  | [], l, h => by
    cases l with
    | nil => rfl
    | cons x l' => simp [tallyOK] at h
  | (a, k) :: T, l, h => by
    simp only [tallyOK, Bool.and_eq_true, decide_eq_true_eq, List.all_eq_true] at h
    obtain ⟨⟨hnd, hl⟩, hc⟩ := h
    rw [List.map_cons, List.nodup_cons] at hnd
    obtain ⟨hnot, hnd⟩ := hnd
    have hk : l.count a = k := by
      have := hc (a, k) (by simp)
      simpa using this
    have hT : ∀ t ∈ T, l.count t.1 = t.2 := fun t ht => by
      have := hc t (by simp [ht])
      simpa using this
    have hl' : ∀ x ∈ l, x = a ∨ x ∈ T.map Prod.fst := fun x hx => by
      have := hl x hx
      simpa using this
    have hrest : tallyOK (l.filter fun x => !decide (x = a)) T = true := by
      simp only [tallyOK, Bool.and_eq_true, decide_eq_true_eq, List.all_eq_true, beq_iff_eq]
      refine ⟨⟨hnd, ?_⟩, ?_⟩
      · intro x hx
        have hx' := List.mem_filter.mp hx
        have hne : x ≠ a := by simpa using hx'.2
        rcases hl' x hx'.1 with h1 | h1
        · exact absurd h1 hne
        · exact h1
      · intro t ht
        have hne : t.1 ≠ a := fun e => hnot (List.mem_map.mpr ⟨t, ht, e⟩)
        rw [count_filter_ne a t.1 hne]
        exact hT t ht
    rw [sum_map_split f a l, sum_map_eq_tally f T _ hrest, hk]
    simp only [List.map_cons, List.sum_cons]

/-- The size for every choice of operation circuits, from a tally Lean checks by evaluation. -/
theorem Program.size_eq_tally [DecidableEq Op] (C : OpCircuits Op) (sz : List Nat) (p : Program Op)
    (E : Nat) (T : List ((Op × Nat) × Nat)) (hE : p.embedCount sz = E) (hT : tallyOK (p.shapes sz) T = true) :
    p.size C sz = E + (T.map fun t => t.2 * (C.circ t.1.1 t.1.2).size).sum := by
  rw [Program.size_eq_shapes, hE, sum_map_eq_tally _ T _ hT]

theorem Program.depthBound_eq_ops (D : Op → Nat) : ∀ p : Program Op,
    p.depthBound D = p.embedSteps + ((p.stepOps).map D).sum
  | [] => rfl
  | s :: ss => by
    have ih := Program.depthBound_eq_ops D ss
    obtain ⟨dom, body⟩ := s
    cases body <;>
      simp only [Program.depthBound, Program.embedSteps, Program.stepOps, List.map_cons, List.sum_cons,
        List.filterMap_cons, Body.depthBound, Body.embeds, Body.op?] at ih ⊢ <;> omega

/-- The depth bound for every choice of operation depths, from a tally of the steps. -/
theorem Program.depthBound_eq_tally [DecidableEq Op] (D : Op → Nat) (p : Program Op) (E : Nat)
    (T : List (Op × Nat)) (hE : p.embedSteps = E) (hT : tallyOK p.stepOps T = true) :
    p.depthBound D = E + (T.map fun t => t.2 * D t.1).sum := by
  rw [Program.depthBound_eq_ops, hE, sum_map_eq_tally _ T _ hT]

end TC0.Arch
