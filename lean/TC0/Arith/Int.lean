module

public import TC0.Arith.Basic

/-!
# Integer circuits for every width

The circuits that `src/circuit/constructions/int.ts` builds, as Lean functions of the width `p`
(and the number of summands `k`), gate for gate and wire for wire as the TypeScript builder
emits them (its constant folding included), with their theorems for every `p`:

- `iterAdd k p` (`int.iter-add`): bit `i` of `x₀ + … + x_{k-1}` in depth 2. The linear form of
  bit `i` is the sum of the summands' bits `j ≤ i` weighted `2^j` (every weight reduced modulo
  `2^(i+1)`); layer 1 tests it against `2^i, 2·2^i, …` up to its maximum, layer 2 adds the tests
  with weights `+1, -1, +1, …`, which is 1 exactly when the form's value lies in some
  `[r 2^(i+1) + 2^i, (r+1) 2^(i+1))`. Where a bit has a single test, that test is the output; where
  the form is a single input bit, the output is that input wire (as the builder folds them).
- `add p = iterAdd 2 p` (`int.add`): the TypeScript adder is `linearBits` of the same form, so
  its netlist is the iterated adder's for two summands (the generated instance theorems check
  this at every instance the workbench builds).
- `compareExp p` (`int.compare.exp`): one gate `[∑ 2^i aᵢ - ∑ 2^i bᵢ ≥ 0]`.

Main results: `iterAdd_wellFormed`, `iterAdd_eval`, `iterAdd_correct`, `iterAdd_depth_le`,
`iterAdd_depth`; `add_spec` (well formed, `a + b` on every input, depth 2, `4p` gates);
`compareExp_spec`.
-/

@[expose] public noncomputable section

namespace TC0.Arith

open TC0

/-! ## The iterated adder -/

/-- The linear form for bit `i` of a sum of `k` numbers of `p` bits (summand `t` bit `j` is input
bit `t p + j`, wire `2 + t p + j`): bits `j < min (i + 1) p`, weighted `2^j`. -/
def bitForm (k p i : Nat) : List (Nat × Int) :=
  (List.range k).flatMap fun t =>
    (List.range (min (i + 1) p)).map fun j => (2 + t * p + j, ((2 ^ j : Nat) : Int))

/-- The largest value of `bitForm k p i`. -/
def formMax (k p i : Nat) : Nat := k * (2 ^ min (i + 1) p - 1)

/-- The number of layer-1 tests of bit `i`: the multiples of `2^i` up to the form's maximum. -/
def numTests (k p i : Nat) : Nat := formMax k p i / 2 ^ i

/-- Layer 1 of bit `i`: `[form ≥ (t + 1) 2^i]` for `t < numTests k p i`. -/
def testGates (k p i : Nat) : List Gate :=
  (List.range (numTests k p i)).map fun t => ⟨bitForm k p i, (((t + 1) * 2 ^ i : Nat) : Int)⟩

/-- Layer 2: the tests on wires `B … B + n - 1` weighted `+1, -1, +1, …`, threshold 1. -/
def parityGate (B n : Nat) : Gate :=
  ⟨(List.range n).map fun t => (B + t, if t % 2 = 0 then 1 else -1), 1⟩

/-- Bit `i`'s form is the single input bit 0 (one summand, bit 0): the builder returns that wire. -/
def SingleBit (k p i : Nat) : Prop := k = 1 ∧ i = 0 ∧ 0 < p

instance (k p i : Nat) : Decidable (SingleBit k p i) := inferInstanceAs (Decidable (k = 1 ∧ i = 0 ∧ 0 < p))

/-- The gates of bit `i`, the first at wire `B`. -/
def bitGates (k p i B : Nat) : List Gate :=
  if SingleBit k p i then []
  else if numTests k p i ≤ 1 then testGates k p i
  else testGates k p i ++ [parityGate B (numTests k p i)]

/-- The wire of bit `i`: input wire 2, the false wire 0 (no test), the single test, or layer 2. -/
def bitOut (k p i B : Nat) : Nat :=
  if SingleBit k p i then 2
  else if numTests k p i = 0 then 0
  else if numTests k p i = 1 then B
  else B + numTests k p i

/-- The number of gates of bit `i`. -/
def blockSize (k p i : Nat) : Nat := (bitGates k p i 0).length

/-- The gates of bits `0 … n - 1`, the first at wire `B`. -/
def sumGates (k p B n : Nat) : List Gate :=
  (List.range n).flatMap fun i => bitGates k p i (B + sumTo (blockSize k p) i)

/-- The output wires of bits `0 … n - 1`. -/
def sumOuts (k p B n : Nat) : List Nat :=
  (List.range n).map fun i => bitOut k p i (B + sumTo (blockSize k p) i)

/-- The width of the sum of `k` numbers of `p` bits: the bit length of `k (2^p - 1)`, at least 1
(`iterAddWidth` in TypeScript). -/
def sumWidth (k p : Nat) : Nat := Nat.log2 (k * (2 ^ p - 1)) + 1

/-- `int.iter-add`: `x₀ + … + x_{k-1}` for `k` numbers of `p` bits, in depth 2. -/
def iterAdd (k p : Nat) : Circuit :=
  ⟨k * p, sumGates k p (2 + k * p) (sumWidth k p), sumOuts k p (2 + k * p) (sumWidth k p)⟩

/-- `int.add`: `a + b` for `p`-bit `a`, `b` in depth 2 (the iterated adder for two summands). -/
def add (p : Nat) : Circuit := iterAdd 2 p

/-- Summand `t` of the input bits `x`: the number with bits `x (t p) … x (t p + p - 1)`. -/
def summand (x : Nat → Bool) (p t : Nat) : Nat := binVal (fun j => x (t * p + j)) p

/-! ### Sizes of the blocks -/

theorem length_testGates (k p i : Nat) : (testGates k p i).length = numTests k p i := by
  simp [testGates]

theorem length_bitGates (k p i B : Nat) : (bitGates k p i B).length = blockSize k p i := by
  unfold blockSize bitGates
  by_cases hs : SingleBit k p i
  · simp only [if_pos hs]
  · simp only [if_neg hs]
    by_cases h1 : numTests k p i ≤ 1
    · simp only [if_pos h1]
    · simp only [if_neg h1, List.length_append, List.length_cons, List.length_nil]

theorem sumGates_succ (k p B n : Nat) :
    sumGates k p B (n + 1) = sumGates k p B n ++ bitGates k p n (B + sumTo (blockSize k p) n) := by
  simp only [sumGates, List.range_succ, List.flatMap_append, List.flatMap_cons, List.flatMap_nil,
    List.append_nil]

theorem sumOuts_succ (k p B n : Nat) :
    sumOuts k p B (n + 1) = sumOuts k p B n ++ [bitOut k p n (B + sumTo (blockSize k p) n)] := by
  simp only [sumOuts, List.range_succ, List.map_append, List.map_cons, List.map_nil]

theorem length_sumGates (k p B : Nat) : ∀ n, (sumGates k p B n).length = sumTo (blockSize k p) n
  | 0 => by simp [sumGates, sumTo]
  | n + 1 => by
    rw [sumGates_succ, List.length_append, length_sumGates k p B n, length_bitGates]
    all_goals rfl

/-! ### One bit -/

/-- The value of bit `i`'s form on input bits `x`: the summands reduced modulo `2^min (i+1) p`. -/
theorem wsum_bitForm (k p i : Nat) (x : Nat → Bool) (E : Nat → Bool)
    (hE : ∀ w < 2 + k * p, E w = inputEnv x w) :
    wsum (bitForm k p i) E = (sumTo (fun t => binVal (fun j => x (t * p + j)) (min (i + 1) p)) k : Int) := by
  have h := wsum_flatMap_range
    (fun t => (List.range (min (i + 1) p)).map fun j => (2 + t * p + j, ((2 ^ j : Nat) : Int)))
    (fun t => binVal (fun j => E (2 + t * p + j)) (min (i + 1) p)) E
    (fun t => wsum_bits (2 + t * p) E (min (i + 1) p)) k
  rw [bitForm, h]
  congr 1
  apply sumTo_congr
  intro t ht
  apply binVal_congr
  intro j hj
  show E (2 + t * p + j) = x (t * p + j)
  have hm : (t + 1) * p ≤ k * p := Nat.mul_le_mul_right p (by omega)
  have hj' : j < p := by omega
  rw [Nat.add_mul] at hm
  rw [hE (2 + t * p + j) (by omega), Nat.add_assoc, inputEnv_input]

/-- The form's value never exceeds `formMax`. -/
theorem bitForm_le (k p i : Nat) (x : Nat → Bool) :
    sumTo (fun t => binVal (fun j => x (t * p + j)) (min (i + 1) p)) k ≤ formMax k p i := by
  unfold formMax
  apply sumTo_le_mul
  intro t _
  have := binVal_lt (fun j => x (t * p + j)) (min (i + 1) p)
  show binVal (fun j => x (t * p + j)) (min (i + 1) p) ≤ 2 ^ min (i + 1) p - 1
  omega

/-- Bit `i` of the sum equals bit `i` of the reduced form. -/
theorem testBit_sum_eq_form (k p i : Nat) (x : Nat → Bool) :
    (sumTo (summand x p) k).testBit i =
      (sumTo (fun t => binVal (fun j => x (t * p + j)) (min (i + 1) p)) k).testBit i := by
  by_cases hp : i + 1 ≤ p
  · rw [Nat.min_eq_left hp]
    have e : sumTo (summand x p) k = sumTo (fun t => binVal (fun j => x (t * p + j)) (i + 1) +
        2 ^ (i + 1) * binVal (fun j => x (t * p + (i + 1 + j))) (p - (i + 1))) k := by
      apply sumTo_congr
      intro t _
      show binVal (fun j => x (t * p + j)) p = binVal (fun j => x (t * p + j)) (i + 1) +
        2 ^ (i + 1) * binVal (fun j => x (t * p + (i + 1 + j))) (p - (i + 1))
      have := binVal_add (fun j => x (t * p + j)) (i + 1) (p - (i + 1))
      rw [Nat.add_sub_of_le hp] at this
      exact this
    rw [e, sumTo_add_mul, testBit_add_two_pow_mul]
  · rw [Nat.min_eq_right (show p ≤ i + 1 by omega)]
    all_goals rfl

/-- The wires of every bit's form are input wires. -/
theorem bitForm_wire_lt (k p i : Nat) : ∀ q ∈ bitForm k p i, q.1 < 2 + k * p := by
  intro q hq
  simp only [bitForm, List.mem_flatMap, List.mem_map, List.mem_range] at hq
  obtain ⟨s, hs, j, hj, rfl⟩ := hq
  have hm : (s + 1) * p ≤ k * p := Nat.mul_le_mul_right p (by omega)
  rw [Nat.add_mul] at hm
  show 2 + s * p + j < 2 + k * p
  omega

theorem testGates_wire_lt (k p i : Nat) :
    ∀ t < numTests k p i, ∀ q ∈ (Gate.mk (bitForm k p i) (((t + 1) * 2 ^ i : Nat) : Int)).inputs,
      q.1 < 2 + k * p :=
  fun _ _ q hq => bitForm_wire_lt k p i q hq

theorem run_singleton_self {α : Type} (I : Gate → (Nat → α) → α) (g : Gate) (b : Nat) (E : Nat → α) :
    run I [g] b E b = I g E := by
  simp [run]

/-- Bit `i`'s block computes bit `i` of the sum, from any base `B` above the inputs and any
environment that holds the input bits. -/
theorem bitGates_eval (k p i B : Nat) (x : Nat → Bool) (E : Nat → Bool) (hB : 2 + k * p ≤ B)
    (hE : ∀ w < 2 + k * p, E w = inputEnv x w) :
    run Gate.eval (bitGates k p i B) B E (bitOut k p i B) = (sumTo (summand x p) k).testBit i := by
  rw [testBit_sum_eq_form]
  have hL := bitForm_le k p i x
  have hf := wsum_bitForm k p i x E hE
  generalize sumTo (fun t => binVal (fun j => x (t * p + j)) (min (i + 1) p)) k = L at hL hf ⊢
  have hh : 0 < 2 ^ i := Nat.two_pow_pos i
  have hq : L / 2 ^ i ≤ numTests k p i := Nat.div_le_div_right hL
  unfold bitGates bitOut
  by_cases hs : SingleBit k p i
  · -- one summand, bit 0: the output is input wire 2
    simp only [if_pos hs, run]
    obtain ⟨hk, hi, hp⟩ := hs
    subst hk hi
    have e2 : E 2 = x 0 := by rw [hE 2 (by omega)]; exact inputEnv_input x 0
    have hL' : (L : Int) = if x 0 then 1 else 0 := by
      rw [← hf, bitForm, Nat.min_eq_left (show 0 + 1 ≤ p by omega)]
      simp [wsum, e2]
    rw [e2]
    rcases Bool.eq_false_or_eq_true (x 0) with h0 | h0 <;> rw [h0] at hL' ⊢ <;> simp at hL'
    · have : L = 1 := by omega
      subst this; decide
    · have : L = 0 := by omega
      subst this; decide
  · simp only [if_neg hs]
    have hin : ∀ t < numTests k p i, ∀ q ∈ (Gate.mk (bitForm k p i) (((t + 1) * 2 ^ i : Nat) : Int)).inputs,
        q.1 < B := fun t ht q hq => by have := testGates_wire_lt k p i t ht q hq; omega
    have htest : ∀ t < numTests k p i,
        run Gate.eval (testGates k p i) B E (B + t) = decide ((t + 1) * 2 ^ i ≤ L) := by
      intro t ht
      rw [testGates, run_layer Gate.eval (fun g _ _ h => gateEval_congr g h) _ B E _ hin t ht]
      simp only [Gate.eval, weightedSum_eq_wsum, hf]
      exact decide_eq_decide.2 Int.ofNat_le
    rw [Nat.testBit_eq_decide_div_mod_eq]
    by_cases h0 : numTests k p i = 0
    · simp only [if_pos (show numTests k p i ≤ 1 by omega), if_pos h0]
      rw [run_below Gate.eval (testGates k p i) B E 0 (by omega), hE 0 (by omega)]
      have : L / 2 ^ i = 0 := Nat.le_zero.1 (h0 ▸ hq)
      rw [this]; all_goals rfl
    · by_cases h1 : numTests k p i = 1
      · simp only [if_pos (show numTests k p i ≤ 1 by omega), if_neg h0, if_pos h1]
        have h := htest 0 (by omega)
        rw [Nat.add_zero, Nat.zero_add, Nat.one_mul] at h
        rw [h]
        apply decide_eq_decide.2
        have hiff : 2 ^ i ≤ L ↔ 1 ≤ L / 2 ^ i := by rw [Nat.le_div_iff_mul_le hh, Nat.one_mul]
        rw [hiff]
        have hle : L / 2 ^ i ≤ 1 := h1 ▸ hq
        generalize L / 2 ^ i = q at hle ⊢
        constructor <;> intro h' <;> omega
      · simp only [if_neg (show ¬ numTests k p i ≤ 1 by omega), if_neg h0, if_neg h1]
        rw [run_append, length_testGates, run_singleton_self, parityGate]
        simp only [Gate.eval, weightedSum_eq_wsum]
        simp only [wsum_parity B (2 ^ i) L hh _ _ htest, Nat.min_eq_left hq]
        generalize L / 2 ^ i = q
        apply decide_eq_decide.2
        constructor <;> intro h <;> omega

/-- The depth of bit `i`'s output wire: 0 for a wire, 1 for a single test, 2 for layer 2. -/
def bitDepth (k p i : Nat) : Nat :=
  if SingleBit k p i then 0 else if numTests k p i = 0 then 0 else if numTests k p i = 1 then 1 else 2

theorem maxList_map_zero {β : Type} (l : List β) : maxList (l.map fun _ => 0) = 0 :=
  Nat.le_zero.1 (maxList_le fun a ha => by
    rw [List.mem_map] at ha
    obtain ⟨_, _, rfl⟩ := ha
    exact Nat.le_refl 0)

theorem bitGates_depth (k p i B : Nat) (D : Nat → Nat) (hB : 2 + k * p ≤ B)
    (hD : ∀ w < 2 + k * p, D w = 0) :
    run Gate.depth (bitGates k p i B) B D (bitOut k p i B) = bitDepth k p i := by
  unfold bitGates bitOut bitDepth
  by_cases hs : SingleBit k p i
  · simp only [if_pos hs, run]
    obtain ⟨rfl, -, hp⟩ := hs
    exact hD 2 (by omega)
  · simp only [if_neg hs]
    have hin : ∀ t < numTests k p i, ∀ q ∈ (Gate.mk (bitForm k p i) (((t + 1) * 2 ^ i : Nat) : Int)).inputs,
        q.1 < B := fun t ht q hq => by have := testGates_wire_lt k p i t ht q hq; omega
    have htest : ∀ t < numTests k p i, run Gate.depth (testGates k p i) B D (B + t) = 1 := by
      intro t ht
      rw [testGates, run_layer Gate.depth (fun g _ _ h => gateDepth_congr g h) _ B D _ hin t ht]
      have e : (bitForm k p i).map (fun q => D q.1) = (bitForm k p i).map (fun _ => 0) :=
        List.map_congr_left fun q hq => hD q.1 (bitForm_wire_lt k p i q hq)
      show maxList ((bitForm k p i).map fun q => D q.1) + 1 = 1
      rw [e, maxList_map_zero]
    by_cases h0 : numTests k p i = 0
    · simp only [if_pos (show numTests k p i ≤ 1 by omega), if_pos h0]
      rw [run_below Gate.depth (testGates k p i) B D 0 (by omega), hD 0 (by omega)]
    · by_cases h1 : numTests k p i = 1
      · simp only [if_pos (show numTests k p i ≤ 1 by omega), if_neg h0, if_pos h1]
        have h := htest 0 (by omega)
        rwa [Nat.add_zero] at h
      · simp only [if_neg (show ¬ numTests k p i ≤ 1 by omega), if_neg h0, if_neg h1]
        rw [run_append, length_testGates, run_singleton_self]
        have hall : ∀ a ∈ (parityGate B (numTests k p i)).inputs.map
            (fun q => run Gate.depth (testGates k p i) B D q.1), a = 1 := by
          intro a ha
          rw [List.mem_map] at ha
          obtain ⟨q, hq, rfl⟩ := ha
          simp only [parityGate, List.mem_map, List.mem_range] at hq
          obtain ⟨t, ht, rfl⟩ := hq
          exact htest t ht
        have hmem : 1 ∈ (parityGate B (numTests k p i)).inputs.map
            (fun q => run Gate.depth (testGates k p i) B D q.1) :=
          List.mem_map.2 ⟨(B + 0, if 0 % 2 = 0 then 1 else -1),
            by simp only [parityGate, List.mem_map, List.mem_range]; exact ⟨0, by omega, rfl⟩,
            htest 0 (by omega)⟩
        have h₁ := maxList_le fun a ha => Nat.le_of_eq (hall a ha)
        have h₂ := le_maxList hmem
        show maxList ((parityGate B (numTests k p i)).inputs.map
            (fun q => run Gate.depth (testGates k p i) B D q.1)) + 1 = 2
        omega

theorem bitOut_lt (k p i B : Nat) (hB : 2 + k * p ≤ B) : bitOut k p i B < B + blockSize k p i := by
  rw [← length_bitGates k p i B]
  unfold bitOut bitGates
  by_cases hs : SingleBit k p i
  · simp only [if_pos hs, List.length_nil]
    obtain ⟨rfl, -, hp⟩ := hs
    omega
  · simp only [if_neg hs]
    by_cases h0 : numTests k p i = 0
    · simp only [if_pos h0]; omega
    · by_cases h1 : numTests k p i = 1
      · simp only [if_neg h0, if_pos h1, if_pos (show numTests k p i ≤ 1 by omega), length_testGates]
        omega
      · simp only [if_neg h0, if_neg h1, if_neg (show ¬ numTests k p i ≤ 1 by omega), List.length_append,
          length_testGates, List.length_cons, List.length_nil]
        omega

theorem bitGates_wf (k p i B : Nat) (hB : 2 + k * p ≤ B) : GatesWF (bitGates k p i B) B := by
  have ht : GatesWF (testGates k p i) B := gatesWF_of_lt _ _ fun g hg q hq => by
    simp only [testGates, List.mem_map, List.mem_range] at hg
    obtain ⟨t, _, rfl⟩ := hg
    have := bitForm_wire_lt k p i q hq
    omega
  unfold bitGates
  by_cases hs : SingleBit k p i
  · simp only [if_pos hs]; exact gatesWF_nil B
  · simp only [if_neg hs]
    by_cases h1 : numTests k p i ≤ 1
    · simp only [if_pos h1]; exact ht
    · simp only [if_neg h1]
      refine gatesWF_append' _ _ _ ht (gatesWF_of_lt _ _ fun g hg q hq => ?_)
      rw [List.mem_singleton] at hg
      subst hg
      simp only [parityGate, List.mem_map, List.mem_range] at hq
      obtain ⟨t, ht', rfl⟩ := hq
      rw [length_testGates]
      show B + t < B + numTests k p i
      omega

/-! ### The whole circuit -/

theorem sumOuts_lt (k p B : Nat) (hB : 2 + k * p ≤ B) :
    ∀ n, ∀ w ∈ sumOuts k p B n, w < B + sumTo (blockSize k p) n
  | 0 => by simp [sumOuts]
  | n + 1 => by
    intro w hw
    have h₁ := sumOuts_lt k p B hB n
    have ho := bitOut_lt k p n (B + sumTo (blockSize k p) n) (by omega)
    rw [sumOuts_succ, List.mem_append, List.mem_singleton] at hw
    simp only [sumTo]
    rcases hw with hw | hw
    · have := h₁ w hw; omega
    · omega

theorem sumGates_wf (k p B : Nat) (hB : 2 + k * p ≤ B) : ∀ n, GatesWF (sumGates k p B n) B
  | 0 => gatesWF_nil B
  | n + 1 => by
    rw [sumGates_succ]
    refine gatesWF_append' _ _ _ (sumGates_wf k p B hB n) ?_
    rw [length_sumGates]
    exact bitGates_wf k p n _ (by omega)

/-- The blocks run one after another: if block `i` (from any wire `B' ≥ B`, on any environment
that agrees with `E` below `B`) yields `F i` at its output wire, the outputs of bits `0 … n - 1`
are `F 0, …, F (n - 1)`. Used for evaluation and for depth. -/
theorem run_sumGates {α : Type} (I : Gate → (Nat → α) → α) (k p B : Nat) (hB : 2 + k * p ≤ B)
    (E : Nat → α) (F : Nat → α)
    (hF : ∀ i B' (E' : Nat → α), B ≤ B' → (∀ w < B, E' w = E w) →
      run I (bitGates k p i B') B' E' (bitOut k p i B') = F i) :
    ∀ n, (sumOuts k p B n).map (run I (sumGates k p B n) B E) = (List.range n).map F
  | 0 => by simp [sumOuts, sumGates]
  | n + 1 => by
    have h₁ := sumOuts_lt k p B hB n
    have h₂ := run_sumGates I k p B hB E F hF n
    rw [sumGates_succ, sumOuts_succ, run_append, length_sumGates, List.map_append, List.range_succ,
      List.map_append]
    congr 1
    · rw [← h₂]
      exact List.map_congr_left fun w hw => run_below I _ _ _ w (h₁ w hw)
    · simp only [List.map_cons, List.map_nil]
      rw [hF n (B + sumTo (blockSize k p) n) (run I (sumGates k p B n) B E) (Nat.le_add_right _ _)
        fun w hw => run_below I _ B E w hw]

theorem iterAdd_wellFormed (k p : Nat) : (iterAdd k p).WellFormed where
  gates := sumGates_wf k p (2 + k * p) (Nat.le_refl _) _
  outputs := fun w hw => by
    have := sumOuts_lt k p (2 + k * p) (Nat.le_refl _) (sumWidth k p) w hw
    rw [← length_sumGates k p (2 + k * p)] at this
    exact this

/-- On input bits `x`, output bit `i` of the iterated adder is bit `i` of the sum of the summands. -/
theorem iterAdd_eval (k p : Nat) (x : Nat → Bool) :
    (iterAdd k p).eval x = (List.range (sumWidth k p)).map fun i => (sumTo (summand x p) k).testBit i :=
  run_sumGates Gate.eval k p (2 + k * p) (Nat.le_refl _) (inputEnv x) _
    (fun i B' E' hB hE' => bitGates_eval k p i B' x E' hB hE') (sumWidth k p)

theorem iterAdd_depths (k p : Nat) :
    (iterAdd k p).outputs.map (iterAdd k p).depths = (List.range (sumWidth k p)).map (bitDepth k p) :=
  run_sumGates Gate.depth k p (2 + k * p) (Nat.le_refl _) (fun _ => 0) _
    (fun i B' E' hB hE' => bitGates_depth k p i B' E' hB fun w hw => hE' w hw) (sumWidth k p)

theorem iterAdd_depth_le (k p : Nat) : (iterAdd k p).depth ≤ 2 := by
  unfold Circuit.depth
  rw [iterAdd_depths]
  apply maxList_le
  intro a ha
  rw [List.mem_map] at ha
  obtain ⟨i, _, rfl⟩ := ha
  unfold bitDepth
  split <;> (try split) <;> (try split) <;> omega

theorem iterAdd_size (k p : Nat) : (iterAdd k p).size = sumTo (blockSize k p) (sumWidth k p) :=
  length_sumGates k p _ _

theorem numTests_zero (k p : Nat) (hp : 1 ≤ p) : numTests k p 0 = k := by
  unfold numTests formMax
  rw [Nat.min_eq_left (show 0 + 1 ≤ p by omega)]
  simp

theorem sumWidth_pos (k p : Nat) : 0 < sumWidth k p := Nat.succ_pos _

/-- With at least two summands, the iterated adder has depth exactly 2. -/
theorem iterAdd_depth (k p : Nat) (hk : 2 ≤ k) (hp : 1 ≤ p) : (iterAdd k p).depth = 2 := by
  apply Nat.le_antisymm (iterAdd_depth_le k p)
  unfold Circuit.depth
  rw [iterAdd_depths]
  have h0 : bitDepth k p 0 = 2 := by
    have hs : ¬ SingleBit k p 0 := fun h => by unfold SingleBit at h; omega
    unfold bitDepth
    rw [if_neg hs, numTests_zero k p hp, if_neg (show ¬ k = 0 by omega), if_neg (show ¬ k = 1 by omega)]
  have hm : 2 ∈ (List.range (sumWidth k p)).map (bitDepth k p) :=
    List.mem_map.2 ⟨0, List.mem_range.2 (sumWidth_pos k p), h0⟩
  exact le_maxList hm

theorem blockSize_eq (k p i : Nat) : blockSize k p i =
    if SingleBit k p i then 0 else if numTests k p i ≤ 1 then numTests k p i else numTests k p i + 1 := by
  unfold blockSize bitGates
  by_cases hs : SingleBit k p i
  · simp only [if_pos hs, List.length_nil]
  · simp only [if_neg hs]
    by_cases h1 : numTests k p i ≤ 1
    · simp only [if_pos h1, length_testGates]
    · simp only [if_neg h1, List.length_append, length_testGates, List.length_cons, List.length_nil]

/-- Every bit has fewer than `2k` tests: its form's maximum is below `2k · 2^i`. -/
theorem numTests_lt (k p i : Nat) (hk : 1 ≤ k) : numTests k p i < 2 * k := by
  unfold numTests formMax
  have hh := Nat.two_pow_pos i
  have hq : 2 ^ min (i + 1) p ≤ 2 ^ (i + 1) := Nat.pow_le_pow_right (by decide) (Nat.min_le_left _ _)
  rw [Nat.pow_succ] at hq
  have h1 : k * (2 ^ min (i + 1) p - 1) ≤ k * (2 ^ i * 2 - 1) := Nat.mul_le_mul_left k (by omega)
  have h2 : k * (2 ^ i * 2 - 1) = k * (2 ^ i * 2) - k := Nat.mul_sub_one k (2 ^ i * 2)
  have h3 : k * (2 ^ i * 2) = 2 * k * 2 ^ i := by rw [Nat.mul_comm (2 ^ i) 2, ← Nat.mul_assoc, Nat.mul_comm k 2]
  have h4 : 1 ≤ 2 * k * 2 ^ i := Nat.mul_pos (by omega) hh
  exact (Nat.div_lt_iff_lt_mul hh).2 (by omega)

theorem blockSize_le (k p i : Nat) : blockSize k p i ≤ 2 * k := by
  rw [blockSize_eq]
  by_cases hk : k = 0
  · subst hk
    have : numTests 0 p i = 0 := by simp [numTests, formMax]
    simp only [this]
    split <;> (try split) <;> omega
  · have := numTests_lt k p i (by omega)
    split <;> (try split) <;> omega

theorem sumWidth_le (k p c : Nat) (hc : k ≤ 2 ^ c) : sumWidth k p ≤ p + c + 1 := by
  unfold sumWidth
  by_cases hn : k * (2 ^ p - 1) = 0
  · rw [hn, Nat.log2_zero]; omega
  · have hP := Nat.two_pow_pos p
    have hA := Nat.two_pow_pos c
    have h1 : k * (2 ^ p - 1) ≤ 2 ^ c * (2 ^ p - 1) := Nat.mul_le_mul_right _ hc
    have h2 : 2 ^ c * (2 ^ p - 1) = 2 ^ c * 2 ^ p - 2 ^ c := Nat.mul_sub_one _ _
    have h3 : 2 ^ (p + c) = 2 ^ c * 2 ^ p := by rw [Nat.pow_add, Nat.mul_comm]
    have : Nat.log2 (k * (2 ^ p - 1)) < p + c := (Nat.log2_lt hn).2 (by omega)
    omega

/-- The size bound of `int.iter-add`: at most `2k` gates per bit, at most `p + c + 1` bits for
any `c` with `k ≤ 2^c` (so `(2k + 1)(p + clog2 k + 1)` with `c = clog2 k`). -/
theorem iterAdd_size_le (k p c : Nat) (hc : k ≤ 2 ^ c) : (iterAdd k p).size ≤ (2 * k + 1) * (p + c + 1) := by
  rw [iterAdd_size]
  have h1 := sumTo_le_mul (blockSize k p) (2 * k) (sumWidth k p) fun i _ => blockSize_le k p i
  have h2 := Nat.mul_le_mul_right (2 * k) (sumWidth_le k p c hc)
  have h3 : (p + c + 1) * (2 * k) ≤ (2 * k + 1) * (p + c + 1) := by
    rw [Nat.mul_comm]; exact Nat.mul_le_mul_right _ (Nat.le_succ _)
  omega

/-- `int.iter-add` for every `k` and `p`: well formed; on every input, output bit `i` is bit `i`
of the sum of the `k` summands (summand `t` is the number in input bits `t p … t p + p - 1`);
depth at most 2, exactly 2 from two summands on; at most `(2k + 1)(p + c + 1)` gates whenever
`k ≤ 2^c`. -/
theorem iterAdd_spec (k p : Nat) :
    (iterAdd k p).WellFormed ∧
    (∀ x : Nat → Bool, (iterAdd k p).eval x = bits (sumTo (summand x p) k) (sumWidth k p)) ∧
    (iterAdd k p).depth ≤ 2 ∧ (2 ≤ k → 1 ≤ p → (iterAdd k p).depth = 2) ∧
    (∀ c, k ≤ 2 ^ c → (iterAdd k p).size ≤ (2 * k + 1) * (p + c + 1)) :=
  ⟨iterAdd_wellFormed k p, fun x => iterAdd_eval k p x, iterAdd_depth_le k p,
    fun hk hp => iterAdd_depth k p hk hp, fun c hc => iterAdd_size_le k p c hc⟩

/-! ### Numbers -/

/-- The input bits of the number `X`: summand `t` is `X / 2^(t p) % 2^p`. -/
theorem summand_testBit (X p t : Nat) : summand (fun i => X.testBit i) p t = X / 2 ^ (t * p) % 2 ^ p :=
  binVal_testBit X (t * p) p

theorem pack_low (a b p : Nat) (ha : a < 2 ^ p) : (a + 2 ^ p * b) / 2 ^ (0 * p) % 2 ^ p = a := by
  rw [Nat.zero_mul, Nat.pow_zero, Nat.div_one, Nat.add_mul_mod_self_left, Nat.mod_eq_of_lt ha]

theorem pack_high (a b p : Nat) (ha : a < 2 ^ p) (hb : b < 2 ^ p) :
    (a + 2 ^ p * b) / 2 ^ (1 * p) % 2 ^ p = b := by
  rw [Nat.one_mul, Nat.add_mul_div_left _ _ (Nat.two_pow_pos p), Nat.div_eq_of_lt ha, Nat.zero_add,
    Nat.mod_eq_of_lt hb]

/-! ## The adder -/

theorem sumTo_two (f : Nat → Nat) : sumTo f 2 = 0 + f 0 + f 1 := rfl

theorem numTests_two (p i : Nat) (hp : 1 ≤ p) (hi : i ≤ p) :
    numTests 2 p i = if i = 0 then 2 else if i < p then 3 else 1 := by
  unfold numTests formMax
  by_cases h0 : i = 0
  · subst h0
    rw [if_pos (rfl : (0 : Nat) = 0), Nat.min_eq_left (show 0 + 1 ≤ p by omega)]
    all_goals decide
  · rw [if_neg h0]
    have h2 : 2 ^ 1 ≤ 2 ^ i := Nat.pow_le_pow_right (by decide) (by omega)
    rw [Nat.pow_one] at h2
    have hh := Nat.two_pow_pos i
    by_cases hlt : i < p
    · rw [if_pos hlt, Nat.min_eq_left (show i + 1 ≤ p by omega), Nat.pow_succ]
      have lo : 3 * 2 ^ i ≤ 2 * (2 ^ i * 2 - 1) := by omega
      have hi' : 2 * (2 ^ i * 2 - 1) < (3 + 1) * 2 ^ i := by omega
      have a := (Nat.le_div_iff_mul_le hh).2 lo
      have b := (Nat.div_lt_iff_lt_mul hh).2 hi'
      omega
    · rw [if_neg hlt, Nat.min_eq_right (show p ≤ i + 1 by omega)]
      have e : p = i := by omega
      rw [e]
      have lo : 1 * 2 ^ i ≤ 2 * (2 ^ i - 1) := by omega
      have hi' : 2 * (2 ^ i - 1) < (1 + 1) * 2 ^ i := by omega
      have a := (Nat.le_div_iff_mul_le hh).2 lo
      have b := (Nat.div_lt_iff_lt_mul hh).2 hi'
      omega

theorem add_blockSize (p i : Nat) (hp : 1 ≤ p) (hi : i ≤ p) :
    blockSize 2 p i = if i = 0 then 3 else if i < p then 4 else 1 := by
  have hs : ¬ SingleBit 2 p i := fun h => by unfold SingleBit at h; omega
  rw [blockSize_eq, if_neg hs, numTests_two p i hp hi]
  by_cases h0 : i = 0
  · simp [h0]
  · by_cases hlt : i < p
    · simp [h0, hlt]
    · simp [h0, hlt]

theorem add_sumTo_blockSize (p : Nat) (hp : 1 ≤ p) : ∀ n, 1 ≤ n → n ≤ p → sumTo (blockSize 2 p) n = 4 * n - 1
  | 0, h, _ => absurd h (by decide)
  | 1, _, _ => by
    show 0 + blockSize 2 p 0 = 4 * 1 - 1
    rw [add_blockSize p 0 hp (by omega)]
    simp
  | n + 2, _, h => by
    have ih := add_sumTo_blockSize p hp (n + 1) (by omega) (by omega)
    show sumTo (blockSize 2 p) (n + 1) + blockSize 2 p (n + 1) = 4 * (n + 2) - 1
    rw [ih, add_blockSize p (n + 1) hp (by omega), if_neg (show ¬ (n + 1 = 0) by omega),
      if_pos (show n + 1 < p by omega)]
    omega

theorem add_size (p : Nat) (hp : 1 ≤ p) : (add p).size = 4 * p := by
  have hw : sumWidth 2 p = p + 1 := by
    unfold sumWidth
    have hh := Nat.two_pow_pos p
    have h2 : 2 ^ 1 ≤ 2 ^ p := Nat.pow_le_pow_right (by decide) hp
    rw [Nat.pow_one] at h2
    have : Nat.log2 (2 * (2 ^ p - 1)) = p := by
      rw [Nat.log2_eq_iff (by omega), Nat.pow_succ]
      omega
    rw [this]
  unfold add
  rw [iterAdd_size, hw]
  simp only [sumTo]
  rw [add_sumTo_blockSize p hp p hp (Nat.le_refl p), add_blockSize p p hp (Nat.le_refl p),
    if_neg (show ¬ p = 0 by omega), if_neg (Nat.lt_irrefl p)]
  omega

theorem add_eval (p a b : Nat) (ha : a < 2 ^ p) (hb : b < 2 ^ p) :
    (add p).evalNat (a + 2 ^ p * b) = bits (a + b) (sumWidth 2 p) := by
  unfold Circuit.evalNat add
  rw [iterAdd_eval]
  unfold bits
  congr 1
  funext i
  congr 1
  rw [sumTo_two, summand_testBit, summand_testBit, pack_low a b p ha, pack_high a b p ha hb]
  omega

/-- `int.add` for every width `p ≥ 1`: well formed, `a + b` on every pair of `p`-bit inputs
(its `p + 1` bits), depth 2, `4 p` gates. -/
theorem add_spec (p : Nat) (hp : 1 ≤ p) :
    (add p).WellFormed ∧
    (∀ a b, a < 2 ^ p → b < 2 ^ p → (add p).evalNat (a + 2 ^ p * b) = bits (a + b) (p + 1)) ∧
    (add p).depth = 2 ∧ (add p).size = 4 * p := by
  have hw : sumWidth 2 p = p + 1 := by
    unfold sumWidth
    have hh := Nat.two_pow_pos p
    have h2 : 2 ^ 1 ≤ 2 ^ p := Nat.pow_le_pow_right (by decide) hp
    rw [Nat.pow_one] at h2
    have : Nat.log2 (2 * (2 ^ p - 1)) = p := by
      rw [Nat.log2_eq_iff (by omega), Nat.pow_succ]
      omega
    rw [this]
  refine ⟨iterAdd_wellFormed 2 p, fun a b ha hb => ?_, iterAdd_depth 2 p (Nat.le_refl 2) hp, add_size p hp⟩
  rw [add_eval p a b ha hb, hw]

/-! ## The comparator with exponential weights -/

/-- `int.compare.exp`: `[∑ 2^i aᵢ - ∑ 2^i bᵢ ≥ 0]`, one gate. -/
def compareExp (p : Nat) : Circuit :=
  ⟨2 * p, [⟨(List.range p).map (fun j => (2 + j, ((2 ^ j : Nat) : Int))) ++
      (List.range p).map (fun j => (2 + p + j, -((2 ^ j : Nat) : Int))), 0⟩], [2 + 2 * p]⟩

theorem compareExp_eval (p : Nat) (x : Nat → Bool) :
    (compareExp p).eval x = [decide (binVal (fun j => x (p + j)) p ≤ binVal x p)] := by
  simp only [Circuit.eval, Circuit.values, compareExp, Circuit.base, List.map_cons, List.map_nil]
  rw [run_singleton_self]
  simp only [Gate.eval, weightedSum_eq_wsum, wsum_append, wsum_bits, wsum_bits_neg]
  have ea : binVal (fun j => inputEnv x (2 + j)) p = binVal x p :=
    binVal_congr p fun j _ => inputEnv_input x j
  have eb : binVal (fun j => inputEnv x (2 + p + j)) p = binVal (fun j => x (p + j)) p :=
    binVal_congr p fun j _ => by rw [Nat.add_assoc, inputEnv_input]
  rw [ea, eb]
  congr 1
  apply decide_eq_decide.2
  constructor <;> intro h <;> omega

theorem compareExp_wellFormed (p : Nat) : (compareExp p).WellFormed where
  gates := gatesWF_of_lt _ _ fun g hg q hq => by
    simp only [compareExp, List.mem_singleton] at hg
    subst hg
    simp only [List.mem_append, List.mem_map, List.mem_range] at hq
    rcases hq with ⟨j, hj, rfl⟩ | ⟨j, hj, rfl⟩
    · show 2 + j < 2 + 2 * p
      omega
    · show 2 + p + j < 2 + 2 * p
      omega
  outputs := fun w hw => by
    simp only [compareExp, List.mem_singleton] at hw
    subst hw
    show 2 + 2 * p < 2 + 2 * p + 1
    omega

theorem compareExp_depth (p : Nat) : (compareExp p).depth = 1 := by
  simp only [Circuit.depth, Circuit.depths, compareExp, Circuit.base, List.map_cons, List.map_nil]
  rw [run_singleton_self]
  simp only [Gate.depth, maxList_map_zero]
  all_goals rfl

/-- `int.compare` (the exponential-weight comparator) for every width: well formed, `[a ≥ b]` on
every pair of `p`-bit inputs, depth 1, one gate. -/
theorem compareExp_spec (p : Nat) :
    (compareExp p).WellFormed ∧
    (∀ a b, a < 2 ^ p → b < 2 ^ p → (compareExp p).evalNat (a + 2 ^ p * b) = [decide (b ≤ a)]) ∧
    (compareExp p).depth = 1 ∧ (compareExp p).size = 1 := by
  refine ⟨compareExp_wellFormed p, fun a b ha hb => ?_, compareExp_depth p, rfl⟩
  unfold Circuit.evalNat
  rw [compareExp_eval]
  have e1 := binVal_testBit (a + 2 ^ p * b) 0 p
  have e2 := binVal_testBit (a + 2 ^ p * b) p p
  simp only [Nat.zero_add, Nat.pow_zero, Nat.div_one] at e1
  rw [e1, e2, Nat.add_mul_mod_self_left, Nat.mod_eq_of_lt ha,
    Nat.add_mul_div_left _ _ (Nat.two_pow_pos p), Nat.div_eq_of_lt ha, Nat.zero_add, Nat.mod_eq_of_lt hb]

/-! ## The comparator with weights ±1 -/

/-- `b` wins at position `i` among the first `n`: `bᵢ = 1`, `aᵢ = 0`, and no position above `i`
where `a` has a 1 and `b` a 0. -/
def Wins (xa xb : Nat → Bool) (n i : Nat) : Prop :=
  xb i = true ∧ xa i = false ∧ ∀ j, i < j → j < n → ¬ (xa j = true ∧ xb j = false)

/-- `a < b` exactly when `b` wins at some position. -/
theorem lt_iff_wins (xa xb : Nat → Bool) : ∀ n, binVal xa n < binVal xb n ↔ ∃ i, i < n ∧ Wins xa xb n i
  | 0 => by simp [binVal]
  | n + 1 => by
    have ih := lt_iff_wins xa xb n
    have ha := binVal_lt xa n
    have hb := binVal_lt xb n
    have restrict : ∀ i, i < n →
        (Wins xa xb (n + 1) i ↔ Wins xa xb n i ∧ ¬ (xa n = true ∧ xb n = false)) := by
      intro i hi
      unfold Wins
      constructor
      · rintro ⟨h1, h2, h3⟩
        exact ⟨⟨h1, h2, fun j hij hj => h3 j hij (by omega)⟩, h3 n hi (by omega)⟩
      · rintro ⟨⟨h1, h2, h3⟩, h4⟩
        refine ⟨h1, h2, fun j hij hj => ?_⟩
        by_cases e : j = n
        · rw [e]; exact h4
        · exact h3 j hij (by omega)
    have top : Wins xa xb (n + 1) n ↔ xb n = true ∧ xa n = false := by
      unfold Wins
      exact ⟨fun h => ⟨h.1, h.2.1⟩, fun h => ⟨h.1, h.2, fun j h1 h2 => absurd h2 (by omega)⟩⟩
    have split : (∃ i, i < n + 1 ∧ Wins xa xb (n + 1) i) ↔
        (xb n = true ∧ xa n = false) ∨ ((∃ i, i < n ∧ Wins xa xb n i) ∧ ¬ (xa n = true ∧ xb n = false)) := by
      constructor
      · rintro ⟨i, hi, hw⟩
        by_cases e : i = n
        · rw [e] at hw; exact Or.inl (top.1 hw)
        · have := (restrict i (by omega)).1 hw
          exact Or.inr ⟨⟨i, by omega, this.1⟩, this.2⟩
      · rintro (h | ⟨⟨i, hi, hw⟩, h⟩)
        · exact ⟨n, by omega, top.2 h⟩
        · exact ⟨i, by omega, (restrict i hi).2 ⟨hw, h⟩⟩
    rw [split, ← ih]
    simp only [binVal]
    cases xa n <;> cases xb n <;> simp <;> omega

/-- Layer 1 of `int.compare.poly`: `v_j = [a_j - b_j ≥ 1]` (built for `j = 1 … p - 1`). -/
def beatsGate (p j : Nat) : Gate := ⟨[(2 + j, 1), (2 + p + j, -1)], 1⟩

/-- Layer 2: `s_i = [b_i - a_i - ∑_{j > i} v_j ≥ 1]` (`v_j` is wire `2 + 2p + j - 1`). -/
def winsGate (p i : Nat) : Gate :=
  ⟨[(2 + i, -1), (2 + p + i, 1)] ++ (List.range (p - 1 - i)).map fun t => (2 + 2 * p + i + t, -1), 1⟩

/-- Layer 3: `[-∑ s_i ≥ 0]`: `b` wins nowhere. -/
def noWinGate (p : Nat) : Gate := ⟨(List.range p).map fun i => (2 + 2 * p + (p - 1) + i, -1), 0⟩

/-- `int.compare.poly`: `[a ≥ b]` with weights ±1 in depth 3 and `2p` gates (`v_0` is read by no
gate, and the builder drops it). -/
def comparePoly (p : Nat) : Circuit :=
  ⟨2 * p, (List.range (p - 1)).map (fun t => beatsGate p (t + 1)) ++ (List.range p).map (winsGate p) ++
    [noWinGate p], [2 + 2 * p + (p - 1) + p]⟩

theorem beatsGate_eval (p j : Nat) (E : Nat → Bool) :
    (beatsGate p j).eval E = (E (2 + j) && !E (2 + p + j)) := by
  simp only [beatsGate, Gate.eval, weightedSum_eq_wsum, wsum_cons, wsum_nil]
  cases E (2 + j) <;> cases E (2 + p + j) <;> decide

theorem winsGate_eval (p i : Nat) (E : Nat → Bool) :
    (winsGate p i).eval E = decide (E (2 + p + i) = true ∧ E (2 + i) = false ∧
      sumTo (fun t => if E (2 + 2 * p + i + t) then 1 else 0) (p - 1 - i) = 0) := by
  simp only [winsGate, Gate.eval, weightedSum_eq_wsum, wsum_append, wsum_cons, wsum_nil, wsum_negOnes]
  apply decide_eq_decide.2
  generalize sumTo (fun t => if E (2 + 2 * p + i + t) then 1 else 0) (p - 1 - i) = n
  cases E (2 + i) <;> cases E (2 + p + i) <;> simp <;> omega

theorem noWinGate_eval (p : Nat) (E : Nat → Bool) :
    (noWinGate p).eval E = decide (sumTo (fun i => if E (2 + 2 * p + (p - 1) + i) then 1 else 0) p = 0) := by
  simp only [noWinGate, Gate.eval, weightedSum_eq_wsum, wsum_negOnes]
  apply decide_eq_decide.2
  constructor <;> intro h <;> omega

theorem comparePoly_wires1 (p : Nat) : ∀ t < p - 1, ∀ q ∈ (beatsGate p (t + 1)).inputs, q.1 < 2 + 2 * p := by
  intro t ht q hq
  simp only [beatsGate, List.mem_cons, List.mem_nil_iff, or_false] at hq
  rcases hq with rfl | rfl <;> dsimp only <;> omega

theorem comparePoly_wires2 (p : Nat) : ∀ i < p, ∀ q ∈ (winsGate p i).inputs, q.1 < 2 + 2 * p + (p - 1) := by
  intro i hi q hq
  simp only [winsGate, List.mem_append, List.mem_cons, List.mem_nil_iff, or_false, List.mem_map,
    List.mem_range] at hq
  rcases hq with (rfl | rfl) | ⟨t, ht, rfl⟩ <;> dsimp only <;> omega

theorem comparePoly_layer1 (p : Nat) (x : Nat → Bool) (t : Nat) (ht : t < p - 1) :
    run Gate.eval ((List.range (p - 1)).map fun t => beatsGate p (t + 1)) (2 + 2 * p) (inputEnv x)
      (2 + 2 * p + t) = (x (t + 1) && !x (p + (t + 1))) := by
  rw [run_layer Gate.eval (fun g _ _ h => gateEval_congr g h) (fun t => beatsGate p (t + 1)) (2 + 2 * p)
    (inputEnv x) (p - 1) (comparePoly_wires1 p) t ht, beatsGate_eval, inputEnv_input, Nat.add_assoc 2 p,
    inputEnv_input]

theorem comparePoly_layer2 (p : Nat) (x : Nat → Bool) (i : Nat) (hi : i < p) :
    run Gate.eval ((List.range p).map (winsGate p)) (2 + 2 * p + (p - 1))
      (run Gate.eval ((List.range (p - 1)).map fun t => beatsGate p (t + 1)) (2 + 2 * p) (inputEnv x))
      (2 + 2 * p + (p - 1) + i) = true ↔ Wins x (fun j => x (p + j)) p i := by
  rw [run_layer Gate.eval (fun g _ _ h => gateEval_congr g h) (winsGate p) _ _ p (comparePoly_wires2 p) i hi,
    winsGate_eval, decide_eq_true_iff]
  have e3 : ∀ t < p - 1 - i,
      run Gate.eval ((List.range (p - 1)).map fun t => beatsGate p (t + 1)) (2 + 2 * p) (inputEnv x)
        (2 + 2 * p + i + t) = (x (i + t + 1) && !x (p + (i + t + 1))) := by
    intro t ht
    rw [Nat.add_assoc (2 + 2 * p) i t, comparePoly_layer1 p x (i + t) (by omega)]
  generalize hE : run Gate.eval ((List.range (p - 1)).map fun t => beatsGate p (t + 1)) (2 + 2 * p)
    (inputEnv x) = E1 at e3 ⊢
  have e1 : E1 (2 + p + i) = x (p + i) := by
    rw [← hE, run_below _ _ _ _ _ (show 2 + p + i < 2 + 2 * p by omega), Nat.add_assoc, inputEnv_input]
  have e2 : E1 (2 + i) = x i := by
    rw [← hE, run_below _ _ _ _ _ (show 2 + i < 2 + 2 * p by omega), inputEnv_input]
  rw [e1, e2, sumTo_eq_zero_iff]
  unfold Wins
  apply and_congr_right fun _ => and_congr_right fun _ => ?_
  constructor
  · intro h j hij hj hc
    have h' := h (j - i - 1) (by omega)
    rw [e3 (j - i - 1) (by omega)] at h'
    have ej : i + (j - i - 1) + 1 = j := by omega
    have hb : x (p + j) = false := hc.2
    rw [ej, hc.1, hb] at h'
    simp at h'
  · intro h t ht
    rw [e3 t ht]
    have h' := h (i + t + 1) (by omega) (by omega)
    cases hx : x (i + t + 1) <;> cases hy : x (p + (i + t + 1)) <;> simp_all

theorem comparePoly_eval (p : Nat) (x : Nat → Bool) :
    (comparePoly p).eval x = [decide (binVal (fun j => x (p + j)) p ≤ binVal x p)] := by
  simp only [Circuit.eval, Circuit.values, comparePoly, Circuit.base, List.map_cons, List.map_nil]
  rw [run_append, run_append, List.length_append, List.length_map, List.length_range, List.length_map,
    List.length_range, show 2 + 2 * p + (p - 1) + p = 2 + 2 * p + (p - 1 + p) by omega,
    run_singleton_self, noWinGate_eval]
  have key := comparePoly_layer2 p x
  generalize run Gate.eval ((List.range p).map (winsGate p)) (2 + 2 * p + (p - 1))
      (run Gate.eval ((List.range (p - 1)).map fun t => beatsGate p (t + 1)) (2 + 2 * p) (inputEnv x)) = E2
    at key ⊢
  congr 1
  apply decide_eq_decide.2
  rw [sumTo_eq_zero_iff]
  have off : ∀ i < p, ((if E2 (2 + 2 * p + (p - 1) + i) then 1 else 0) = 0 ↔ ¬ Wins x (fun j => x (p + j)) p i) := by
    intro i hi
    have hl := key i hi
    constructor
    · intro h hw
      rw [hl.2 hw] at h
      simp at h
    · intro h
      cases hb : E2 (2 + 2 * p + (p - 1) + i)
      · rfl
      · exact absurd (hl.1 hb) h
  constructor
  · intro h
    have : ¬ (binVal x p < binVal (fun j => x (p + j)) p) := by
      rw [lt_iff_wins]
      rintro ⟨i, hi, hw⟩
      exact (off i hi).1 (h i hi) hw
    omega
  · intro h i hi
    apply (off i hi).2
    intro hw
    have := (lt_iff_wins x (fun j => x (p + j)) p).2 ⟨i, hi, hw⟩
    omega

/-- After a layer whose gates read wires of depth at most `d` below its first wire, every wire
below its end has depth at most `d + 1`. -/
theorem depth_layer_le (f : Nat → Gate) (b n d : Nat) (D : Nat → Nat)
    (hf : ∀ t < n, ∀ q ∈ (f t).inputs, q.1 < b) (hD : ∀ w < b, D w ≤ d) :
    ∀ w < b + n, run Gate.depth ((List.range n).map f) b D w ≤ d + 1 := by
  intro w hw
  by_cases h : w < b
  · rw [run_below _ _ _ _ _ h]
    have := hD w h
    omega
  · have e : w = b + (w - b) := by omega
    rw [e, run_layer Gate.depth (fun g _ _ h => gateDepth_congr g h) f b D n hf (w - b) (by omega)]
    have : maxList ((f (w - b)).inputs.map fun q => D q.1) ≤ d :=
      maxList_le fun a ha => by
        rw [List.mem_map] at ha
        obtain ⟨q, hq, rfl⟩ := ha
        exact hD q.1 (hf (w - b) (by omega) q hq)
    show maxList ((f (w - b)).inputs.map fun q => D q.1) + 1 ≤ d + 1
    omega

theorem comparePoly_depth_le (p : Nat) : (comparePoly p).depth ≤ 3 := by
  simp only [Circuit.depth, Circuit.depths, comparePoly, Circuit.base, List.map_cons, List.map_nil]
  rw [run_append, run_append, List.length_append, List.length_map, List.length_range, List.length_map,
    List.length_range, show 2 + 2 * p + (p - 1) + p = 2 + 2 * p + (p - 1 + p) by omega, run_singleton_self]
  have h1 := depth_layer_le (fun t => beatsGate p (t + 1)) (2 + 2 * p) (p - 1) 0 (fun _ => 0)
    (comparePoly_wires1 p) (fun _ _ => Nat.le_refl 0)
  have h2 := depth_layer_le (winsGate p) (2 + 2 * p + (p - 1)) p 1 _ (comparePoly_wires2 p) h1
  apply maxList_le
  intro a ha
  rw [List.mem_singleton] at ha
  rw [ha]
  have : maxList ((noWinGate p).inputs.map fun q =>
      run Gate.depth ((List.range p).map (winsGate p)) (2 + 2 * p + (p - 1))
        (run Gate.depth ((List.range (p - 1)).map fun t => beatsGate p (t + 1)) (2 + 2 * p) fun _ => 0) q.1) ≤ 2 :=
    maxList_le fun a ha => by
      rw [List.mem_map] at ha
      obtain ⟨q, hq, rfl⟩ := ha
      simp only [noWinGate, List.mem_map, List.mem_range] at hq
      obtain ⟨i, hi, rfl⟩ := hq
      exact h2 _ (by dsimp only; omega)
  show maxList _ + 1 ≤ 3
  omega

theorem comparePoly_wellFormed (p : Nat) : (comparePoly p).WellFormed := by
  have hV : GatesWF ((List.range (p - 1)).map fun t => beatsGate p (t + 1)) (2 + 2 * p) :=
    gatesWF_of_lt _ _ fun g hg q hq => by
      rw [List.mem_map] at hg
      obtain ⟨t, ht, rfl⟩ := hg
      exact comparePoly_wires1 p t (List.mem_range.1 ht) q hq
  have hS : GatesWF ((List.range p).map (winsGate p)) (2 + 2 * p + (p - 1)) :=
    gatesWF_of_lt _ _ fun g hg q hq => by
      rw [List.mem_map] at hg
      obtain ⟨i, hi, rfl⟩ := hg
      have := comparePoly_wires2 p i (List.mem_range.1 hi) q hq
      omega
  have hF : GatesWF [noWinGate p] (2 + 2 * p + (p - 1 + p)) := gatesWF_of_lt _ _ fun g hg q hq => by
    rw [List.mem_singleton] at hg
    subst hg
    simp only [noWinGate, List.mem_map, List.mem_range] at hq
    obtain ⟨i, hi, rfl⟩ := hq
    dsimp only
    omega
  refine ⟨?_, ?_⟩
  · show GatesWF (((List.range (p - 1)).map fun t => beatsGate p (t + 1)) ++ (List.range p).map (winsGate p) ++
      [noWinGate p]) (2 + 2 * p)
    apply gatesWF_append'
    · apply gatesWF_append' _ _ _ hV
      rw [List.length_map, List.length_range]
      exact hS
    · rw [List.length_append, List.length_map, List.length_range, List.length_map, List.length_range]
      exact hF
  · intro w hw
    simp only [comparePoly, List.mem_singleton] at hw
    subst hw
    simp only [comparePoly, Circuit.base, List.length_append, List.length_map, List.length_range,
      List.length_cons, List.length_nil]
    omega

/-- `int.compare.poly` for every width `p ≥ 1`: well formed, `[a ≥ b]` on every pair of `p`-bit
inputs, depth at most 3, `2p` gates. -/
theorem comparePoly_spec (p : Nat) (hp : 1 ≤ p) :
    (comparePoly p).WellFormed ∧
    (∀ a b, a < 2 ^ p → b < 2 ^ p → (comparePoly p).evalNat (a + 2 ^ p * b) = [decide (b ≤ a)]) ∧
    (comparePoly p).depth ≤ 3 ∧ (comparePoly p).size = 2 * p := by
  refine ⟨comparePoly_wellFormed p, fun a b ha hb => ?_, comparePoly_depth_le p, ?_⟩
  · unfold Circuit.evalNat
    rw [comparePoly_eval]
    have e1 := binVal_testBit (a + 2 ^ p * b) 0 p
    have e2 := binVal_testBit (a + 2 ^ p * b) p p
    simp only [Nat.zero_add, Nat.pow_zero, Nat.div_one] at e1
    rw [e1, e2, Nat.add_mul_mod_self_left, Nat.mod_eq_of_lt ha,
      Nat.add_mul_div_left _ _ (Nat.two_pow_pos p), Nat.div_eq_of_lt ha, Nat.zero_add, Nat.mod_eq_of_lt hb]
  · simp only [comparePoly, Circuit.size, List.length_append, List.length_map, List.length_range,
      List.length_cons, List.length_nil]
    omega

end TC0.Arith
