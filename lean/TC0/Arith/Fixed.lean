module

public import TC0.Arith.Int

/-!
# Fixed-point circuits for every width

The circuits of `src/circuit/constructions/fixed.ts` that the paper's proof uses, as Lean
functions of the width `n = i + f` (the circuit does not depend on how the `n` bits split into
integer and fractional ones), gate for gate as the TypeScript builder emits them:

- `fixedCompare n` (`fixed.compare`): one gate `[X - Y ≥ 0]` with two's-complement weights
  (`compareExp` with the top bit's weights negated);
- `fixedAdd n` (`fixed.add`): `X + Y` saturated to `[-2^(n-1), 2^(n-1) - 1]`. Two gates on the
  two's-complement form say "above the range" and "below the range" (at one bit "above" is
  constant false and the builder drops it); bits `0 … n-1` of the sum are the blocks of the
  iterated adder (`bitGates 2 n`: reduced modulo `2^(j+1)`, a two's-complement form has the
  unsigned weights); one more layer forces the maximum or minimum.

Two's complement: `signed n a` reads the `n`-bit `a` (top bit weighs `-2^(n-1)`); `saturate n v`
clamps to the `n`-bit range; the result's bits are those of `v % 2^n`.

Main results: `fixedCompare_spec` (well formed, `[y ≤ x]` on every pair of `n`-bit inputs,
depth 1, one gate) and `fixedAdd_spec` (well formed, the saturated sum on every input, depth 3,
at most `5n + 1` gates).
-/

@[expose] public noncomputable section

namespace TC0.Arith

open TC0

/-! ## Two's complement -/

/-- The two's-complement reading of the `n`-bit value `a`: the top bit weighs `-2^(n-1)`. -/
def signed (n a : Nat) : Int := if a ≥ 2 ^ (n - 1) then (a : Int) - (2 ^ n : Nat) else (a : Int)

/-- `v` clamped to the `n`-bit two's-complement range `[-2^(n-1), 2^(n-1) - 1]`. -/
def saturate (n : Nat) (v : Int) : Int := max (-((2 ^ (n - 1) : Nat) : Int)) (min (((2 ^ (n - 1) : Nat) : Int) - 1) v)

/-- The weight of bit `j` of an `n`-bit two's-complement number: `2^j`, the top bit `-2^(n-1)`. -/
def signedWeight (n j : Nat) : Int := if j = n - 1 then -((2 ^ j : Nat) : Int) else ((2 ^ j : Nat) : Int)

/-- Wires `w₀ … w₀ + n - 1` with `s` times their two's-complement weights (`weightedSigned`). -/
def signedTerms (w₀ n : Nat) (s : Int) : List (Nat × Int) :=
  (List.range n).map fun j => (w₀ + j, s * signedWeight n j)

/-- The two's-complement value of the bits `x 0 … x m` (`m + 1` of them). -/
def sval (x : Nat → Bool) (m : Nat) : Int := (binVal x m : Int) - if x m then ((2 ^ m : Nat) : Int) else 0

theorem signed_binVal (x : Nat → Bool) (m : Nat) : signed (m + 1) (binVal x (m + 1)) = sval x m := by
  have hl := binVal_lt x m
  have hP : 2 ^ (m + 1) = 2 ^ m * 2 := Nat.pow_succ 2 m
  unfold signed sval
  simp only [binVal, Nat.add_sub_cancel]
  by_cases hx : x m = true
  · simp only [hx, if_true]
    rw [if_pos (by omega)]
    generalize 2 ^ (m + 1) = N at *
    generalize 2 ^ m = P at *
    omega
  · simp only [hx, if_false, Bool.false_eq_true, Nat.add_zero]
    rw [if_neg (by omega)]
    omega

theorem sval_congr {x y : Nat → Bool} (m : Nat) (h : ∀ j < m + 1, x j = y j) : sval x m = sval y m := by
  unfold sval
  rw [binVal_congr m (fun j hj => h j (by omega)), h m (by omega)]

/-- Wires weighted `s · 2^j`: `s` times their binary value. -/
theorem wsum_bits_mul (w₀ : Nat) (s : Int) (val : Nat → Bool) :
    ∀ n, wsum ((List.range n).map fun j => (w₀ + j, s * ((2 ^ j : Nat) : Int))) val =
      s * (binVal (fun j => val (w₀ + j)) n : Int)
  | 0 => by simp [wsum, binVal]
  | n + 1 => by
    rw [List.range_succ, List.map_append, wsum_append, wsum_bits_mul w₀ s val n]
    simp only [List.map_cons, List.map_nil, wsum_cons, wsum_nil, binVal]
    by_cases hv : val (w₀ + n) = true
    · simp only [hv, if_true, Int.add_zero, Int.natCast_add, Int.mul_add]
    · simp only [hv, if_false, Bool.false_eq_true, Int.add_zero, Nat.add_zero]

/-- Two's-complement terms sum to `s` times the two's-complement value of their wires. -/
theorem wsum_signedTerms (w₀ m : Nat) (s : Int) (val : Nat → Bool) :
    wsum (signedTerms w₀ (m + 1) s) val = s * sval (fun j => val (w₀ + j)) m := by
  unfold signedTerms sval
  rw [List.range_succ, List.map_append, wsum_append]
  have low : (List.range m).map (fun j => (w₀ + j, s * signedWeight (m + 1) j)) =
      (List.range m).map fun j => (w₀ + j, s * ((2 ^ j : Nat) : Int)) :=
    List.map_congr_left fun j hj => by
      have : ¬ j = m + 1 - 1 := by rw [List.mem_range] at hj; omega
      simp only [signedWeight, if_neg this]
  rw [low, wsum_bits_mul]
  simp only [List.map_cons, List.map_nil, wsum_cons, wsum_nil, signedWeight,
    if_pos (show m = m + 1 - 1 by omega)]
  by_cases hv : val (w₀ + m) = true
  · simp only [hv, if_true, Int.add_zero, Int.sub_eq_add_neg, Int.mul_add, Int.mul_neg]
  · simp only [hv, if_false, Bool.false_eq_true, Int.add_zero, Int.sub_zero]

theorem signedTerms_wire_lt (w₀ n : Nat) (s : Int) : ∀ q ∈ signedTerms w₀ n s, q.1 < w₀ + n := by
  intro q hq
  simp only [signedTerms, List.mem_map, List.mem_range] at hq
  obtain ⟨j, hj, rfl⟩ := hq
  show w₀ + j < w₀ + n
  omega

/-- The inputs of a two-operand circuit, read as the two's-complement values of `x` and `y`. -/
theorem sval_inputs (x : Nat → Bool) (m : Nat) :
    sval (fun j => inputEnv x (2 + j)) m = signed (m + 1) (binVal x (m + 1)) ∧
    sval (fun j => inputEnv x (2 + (m + 1) + j)) m = signed (m + 1) (binVal (fun j => x (m + 1 + j)) (m + 1)) := by
  rw [signed_binVal, signed_binVal]
  exact ⟨sval_congr m fun j _ => inputEnv_input x j,
    sval_congr m fun j _ => by rw [Nat.add_assoc, inputEnv_input]⟩

/-- The numbers in the input bits of `a + 2^n b`. -/
theorem binVal_pack (n a b : Nat) (ha : a < 2 ^ n) (hb : b < 2 ^ n) :
    binVal (fun j => (a + 2 ^ n * b).testBit j) n = a ∧ binVal (fun j => (a + 2 ^ n * b).testBit (n + j)) n = b := by
  have e1 := binVal_testBit (a + 2 ^ n * b) 0 n
  have e2 := binVal_testBit (a + 2 ^ n * b) n n
  simp only [Nat.zero_add, Nat.pow_zero, Nat.div_one] at e1
  rw [e1, e2, Nat.add_mul_mod_self_left, Nat.mod_eq_of_lt ha,
    Nat.add_mul_div_left _ _ (Nat.two_pow_pos n), Nat.div_eq_of_lt ha, Nat.zero_add, Nat.mod_eq_of_lt hb]
  exact ⟨rfl, rfl⟩

/-! ## The comparator -/

/-- `fixed.compare`: `[X - Y ≥ 0]`, one gate with two's-complement weights (`x` positive, `y`
negated), as the builder emits it. -/
def fixedCompare (n : Nat) : Circuit :=
  ⟨2 * n, [⟨signedTerms 2 n 1 ++ signedTerms (2 + n) n (-1), 0⟩], [2 + 2 * n]⟩

theorem fixedCompare_eval (m : Nat) (x : Nat → Bool) :
    (fixedCompare (m + 1)).eval x =
      [decide (signed (m + 1) (binVal (fun j => x (m + 1 + j)) (m + 1)) ≤ signed (m + 1) (binVal x (m + 1)))] := by
  simp only [Circuit.eval, Circuit.values, fixedCompare, Circuit.base, List.map_cons, List.map_nil]
  rw [run_singleton_self]
  simp only [Gate.eval, weightedSum_eq_wsum, wsum_append, wsum_signedTerms, (sval_inputs x m).1,
    (sval_inputs x m).2]
  congr 1
  apply decide_eq_decide.2
  generalize signed (m + 1) (binVal x (m + 1)) = A
  generalize signed (m + 1) (binVal (fun j => x (m + 1 + j)) (m + 1)) = B
  omega

theorem fixedCompare_wellFormed (n : Nat) : (fixedCompare n).WellFormed where
  gates := gatesWF_of_lt _ _ fun g hg q hq => by
    simp only [fixedCompare, List.mem_singleton] at hg
    subst hg
    simp only [List.mem_append] at hq
    show q.1 < 2 + 2 * n
    rcases hq with hq | hq
    · have := signedTerms_wire_lt 2 n 1 q hq; omega
    · have := signedTerms_wire_lt (2 + n) n (-1) q hq; omega
  outputs := fun w hw => by
    simp only [fixedCompare, List.mem_singleton] at hw
    subst hw
    show 2 + 2 * n < 2 + 2 * n + 1
    omega

theorem fixedCompare_depth (n : Nat) : (fixedCompare n).depth = 1 := by
  simp only [Circuit.depth, Circuit.depths, fixedCompare, Circuit.base, List.map_cons, List.map_nil]
  rw [run_singleton_self]
  simp only [Gate.depth, maxList_map_zero]
  all_goals rfl

/-- `fixed.compare` for every width `n = i + f ≥ 1`: well formed, `[y ≤ x]` on every pair of
`n`-bit two's-complement inputs, depth 1, one gate. -/
theorem fixedCompare_spec (n : Nat) (hn : 1 ≤ n) :
    (fixedCompare n).WellFormed ∧
    (∀ a b, a < 2 ^ n → b < 2 ^ n → (fixedCompare n).evalNat (a + 2 ^ n * b) =
      [decide ((if b ≥ 2 ^ (n - 1) then (b : Int) - (2 ^ n : Nat) else (b : Int)) ≤
        (if a ≥ 2 ^ (n - 1) then (a : Int) - (2 ^ n : Nat) else (a : Int)))]) ∧
    (fixedCompare n).depth = 1 ∧ (fixedCompare n).size = 1 := by
  refine ⟨fixedCompare_wellFormed n, fun a b ha hb => ?_, fixedCompare_depth n, rfl⟩
  obtain ⟨m, rfl⟩ : ∃ m, n = m + 1 := ⟨n - 1, by omega⟩
  unfold Circuit.evalNat
  rw [fixedCompare_eval, (binVal_pack (m + 1) a b ha hb).1, (binVal_pack (m + 1) a b ha hb).2]
  rfl

/-! ## The saturating adder -/

/-- `[X + Y ≥ 2^(n-1)]`: the sum is above the range. -/
def aboveGate (n : Nat) : Gate := ⟨signedTerms 2 n 1 ++ signedTerms (2 + n) n 1, ((2 ^ (n - 1) : Nat) : Int)⟩

/-- `[-(X + Y) ≥ 2^(n-1) + 1]`: the sum is below the range. -/
def belowGate (n : Nat) : Gate := ⟨signedTerms 2 n (-1) ++ signedTerms (2 + n) n (-1), ((2 ^ (n - 1) : Nat) : Int) + 1⟩

/-- The range tests the builder keeps (at one bit "above" is constant false and disappears). -/
def satTests (n : Nat) : List Gate := if n = 1 then [belowGate n] else [aboveGate n, belowGate n]

/-- The number of range tests. -/
def satCount (n : Nat) : Nat := if n = 1 then 1 else 2

/-- The first wire of the sum's bits. -/
def sumBase (n : Nat) : Nat := 2 + 2 * n + satCount n

/-- The wire of bit `j` of the sum. -/
def sumBit (n j : Nat) : Nat := bitOut 2 n j (sumBase n + sumTo (blockSize 2 n) j)

/-- The first wire of the output layer. -/
def outBase (n : Nat) : Nat := sumBase n + sumTo (blockSize 2 n) n

/-- Output bit `j`: `[2 above - below + bit ≥ 1]` below the top bit, `[-above + 2 below + bit ≥ 1]`
at the top bit (inputs in wire order: "above" is wire `2 + 2n`, "below" the next). -/
def outGate (n j : Nat) : Gate :=
  if n = 1 then ⟨[(2 + 2 * n, 2), (sumBit n j, 1)], 1⟩
  else if j < n - 1 then ⟨[(2 + 2 * n, 2), (2 + 2 * n + 1, -1), (sumBit n j, 1)], 1⟩
  else ⟨[(2 + 2 * n, -1), (2 + 2 * n + 1, 2), (sumBit n j, 1)], 1⟩

/-- `fixed.add`: `x + y` saturated, for `n`-bit two's-complement `x`, `y`, as the builder emits
it: the range tests, bits `0 … n-1` of the sum, the output layer. -/
def fixedAdd (n : Nat) : Circuit :=
  ⟨2 * n, satTests n ++ sumGates 2 n (sumBase n) n ++ (List.range n).map (outGate n),
    (List.range n).map fun j => outBase n + j⟩

/-- Bit `j` of the saturated sum: the maximum's bits when the sum is above the range, the
minimum's below it, the sum's bits (which are those of `a + b`) in it. -/
theorem saturate_testBit (m a b j : Nat) (hj : j < m + 1) :
    ((saturate (m + 1) (signed (m + 1) a + signed (m + 1) b)) % ((2 ^ (m + 1) : Nat) : Int)).toNat.testBit j =
      if ((2 ^ m : Nat) : Int) ≤ signed (m + 1) a + signed (m + 1) b then decide (j < m)
      else if ((2 ^ m : Nat) : Int) + 1 ≤ -(signed (m + 1) a + signed (m + 1) b) then decide (j = m)
      else (a + b).testBit j := by
  have hP : 2 ^ (m + 1) = 2 ^ m * 2 := Nat.pow_succ 2 m
  have hP1 : 1 ≤ 2 ^ m := Nat.one_le_two_pow
  obtain ⟨c, hc⟩ : ∃ c : Int, signed (m + 1) a + signed (m + 1) b =
      ((a + b : Nat) : Int) + ((2 ^ (m + 1) : Nat) : Int) * c := by
    unfold signed
    simp only [Nat.add_sub_cancel, ge_iff_le]
    by_cases h1 : 2 ^ m ≤ a <;> by_cases h2 : 2 ^ m ≤ b
    · exact ⟨-2, by rw [if_pos h1, if_pos h2]; omega⟩
    · exact ⟨-1, by rw [if_pos h1, if_neg h2]; omega⟩
    · exact ⟨-1, by rw [if_neg h1, if_pos h2]; omega⟩
    · exact ⟨0, by rw [if_neg h1, if_neg h2]; omega⟩
  unfold saturate
  rw [Nat.add_sub_cancel]
  generalize signed (m + 1) a + signed (m + 1) b = v at hc ⊢
  by_cases hA : ((2 ^ m : Nat) : Int) ≤ v
  · rw [if_pos hA]
    have e : max (-((2 ^ m : Nat) : Int)) (min (((2 ^ m : Nat) : Int) - 1) v) = ((2 ^ m - 1 : Nat) : Int) := by
      omega
    rw [e, Int.emod_eq_of_lt (by omega) (by omega), Int.toNat_natCast, Nat.testBit_two_pow_sub_one]
  · rw [if_neg hA]
    by_cases hB : ((2 ^ m : Nat) : Int) + 1 ≤ -v
    · rw [if_pos hB]
      have e : max (-((2 ^ m : Nat) : Int)) (min (((2 ^ m : Nat) : Int) - 1) v) =
          ((2 ^ m : Nat) : Int) + ((2 ^ (m + 1) : Nat) : Int) * (-1) := by
        omega
      rw [e, Int.add_mul_emod_self_left, Int.emod_eq_of_lt (by omega) (by omega), Int.toNat_natCast,
        Nat.testBit_two_pow]
      exact decide_eq_decide.2 ⟨Eq.symm, Eq.symm⟩
    · rw [if_neg hB]
      have e : max (-((2 ^ m : Nat) : Int)) (min (((2 ^ m : Nat) : Int) - 1) v) = v := by
        omega
      rw [e, hc, Int.add_mul_emod_self_left, ← Int.natCast_emod, Int.toNat_natCast, Nat.testBit_mod_two_pow]
      simp [hj]

/-- An output gate below the top bit on its three wires: above, or the sum's bit and not below. -/
theorem outLow_eval (A L T : Bool) :
    decide ((1 : Int) ≤ (if A then 2 else 0) + ((if L then -1 else 0) + ((if T then 1 else 0) + 0))) =
      (A || (T && !L)) := by
  cases A <;> cases L <;> cases T <;> decide

/-- The output gate at the top bit: below, or the sum's bit and not above. -/
theorem outTop_eval (A L T : Bool) :
    decide ((1 : Int) ≤ (if A then -1 else 0) + ((if L then 2 else 0) + ((if T then 1 else 0) + 0))) =
      (L || (T && !A)) := by
  cases A <;> cases L <;> cases T <;> decide

theorem aboveGate_eval (m : Nat) (x : Nat → Bool) :
    (aboveGate (m + 1)).eval (inputEnv x) = decide (((2 ^ m : Nat) : Int) ≤
      signed (m + 1) (binVal x (m + 1)) + signed (m + 1) (binVal (fun j => x (m + 1 + j)) (m + 1))) := by
  simp only [aboveGate, Gate.eval, weightedSum_eq_wsum, wsum_append, wsum_signedTerms, (sval_inputs x m).1,
    (sval_inputs x m).2, Nat.add_sub_cancel, Int.one_mul]

theorem belowGate_eval (m : Nat) (x : Nat → Bool) :
    (belowGate (m + 1)).eval (inputEnv x) = decide (((2 ^ m : Nat) : Int) + 1 ≤
      -(signed (m + 1) (binVal x (m + 1)) + signed (m + 1) (binVal (fun j => x (m + 1 + j)) (m + 1)))) := by
  simp only [belowGate, Gate.eval, weightedSum_eq_wsum, wsum_append, wsum_signedTerms, (sval_inputs x m).1,
    (sval_inputs x m).2, Nat.add_sub_cancel]
  apply decide_eq_decide.2
  generalize signed (m + 1) (binVal x (m + 1)) = A
  generalize signed (m + 1) (binVal (fun j => x (m + 1 + j)) (m + 1)) = B
  omega

theorem satTests_wire_lt (n : Nat) : ∀ g ∈ satTests n, ∀ q ∈ g.inputs, q.1 < 2 + 2 * n := by
  have ha : ∀ q ∈ (aboveGate n).inputs, q.1 < 2 + 2 * n := fun q hq => by
    simp only [aboveGate, List.mem_append] at hq
    rcases hq with hq | hq
    · have := signedTerms_wire_lt 2 n 1 q hq; omega
    · have := signedTerms_wire_lt (2 + n) n 1 q hq; omega
  have hb : ∀ q ∈ (belowGate n).inputs, q.1 < 2 + 2 * n := fun q hq => by
    simp only [belowGate, List.mem_append] at hq
    rcases hq with hq | hq
    · have := signedTerms_wire_lt 2 n (-1) q hq; omega
    · have := signedTerms_wire_lt (2 + n) n (-1) q hq; omega
  intro g hg
  unfold satTests at hg
  split at hg
  · rw [List.mem_singleton] at hg; subst hg; exact hb
  · simp only [List.mem_cons, List.mem_nil_iff, or_false] at hg
    rcases hg with rfl | rfl
    · exact ha
    · exact hb

theorem length_satTests (n : Nat) : (satTests n).length = satCount n := by
  unfold satTests satCount
  split <;> rfl

theorem sumTo_summand_two (x : Nat → Bool) (p : Nat) :
    sumTo (summand x p) 2 = binVal x p + binVal (fun j => x (p + j)) p := by
  rw [sumTo_two]
  unfold summand
  rw [binVal_congr p (fun j _ => show x (0 * p + j) = x j by rw [Nat.zero_mul, Nat.zero_add]),
    binVal_congr p (fun j _ => show x (1 * p + j) = x (p + j) by rw [Nat.one_mul])]
  omega

/-- Runs of the blocks of the sum, read at bit `j`. -/
theorem run_sumGates_at {α : Type} (I : Gate → (Nat → α) → α) (k p B : Nat) (hB : 2 + k * p ≤ B)
    (E : Nat → α) (F : Nat → α)
    (hF : ∀ i B' (E' : Nat → α), B ≤ B' → (∀ w < B, E' w = E w) →
      run I (bitGates k p i B') B' E' (bitOut k p i B') = F i)
    (n j : Nat) (hj : j < n) :
    run I (sumGates k p B n) B E (bitOut k p j (B + sumTo (blockSize k p) j)) = F j := by
  have h := run_sumGates I k p B hB E F hF n
  rw [sumOuts, List.map_map] at h
  exact (List.map_inj_left.1 h) j (List.mem_range.2 hj)

theorem sumBit_lt (n j : Nat) (hj : j < n) : sumBit n j < outBase n := by
  have h := sumOuts_lt 2 n (sumBase n) (by unfold sumBase; omega) n (sumBit n j)
    (List.mem_map.2 ⟨j, List.mem_range.2 hj, rfl⟩)
  exact h

theorem outGate_wire_lt (n : Nat) : ∀ j < n, ∀ q ∈ (outGate n j).inputs, q.1 < outBase n := by
  intro j hj q hq
  have h1 := sumBit_lt n j hj
  have h2 : 2 + 2 * n + satCount n ≤ outBase n := by unfold outBase sumBase; omega
  have h3 : 1 ≤ satCount n := by unfold satCount; split <;> omega
  unfold outGate at hq
  by_cases hn1 : n = 1
  · rw [if_pos hn1] at hq
    simp only [List.mem_cons, List.mem_nil_iff, or_false] at hq
    rcases hq with rfl | rfl <;> dsimp only <;> omega
  · have h4 : satCount n = 2 := by unfold satCount; rw [if_neg hn1]
    rw [if_neg hn1] at hq
    split at hq <;> simp only [List.mem_cons, List.mem_nil_iff, or_false] at hq <;>
      rcases hq with rfl | rfl | rfl <;> dsimp only <;> omega

theorem fixedAdd_wellFormed (n : Nat) : (fixedAdd n).WellFormed where
  gates := by
    show GatesWF (satTests n ++ sumGates 2 n (sumBase n) n ++ (List.range n).map (outGate n)) (2 + 2 * n)
    apply gatesWF_append'
    · apply gatesWF_append' _ _ _ (gatesWF_of_lt _ _ (satTests_wire_lt n))
      rw [length_satTests]
      exact sumGates_wf 2 n (sumBase n) (by unfold sumBase; omega) n
    · have e : 2 + 2 * n + (satTests n ++ sumGates 2 n (sumBase n) n).length = outBase n := by
        rw [List.length_append, length_satTests, length_sumGates]
        unfold outBase sumBase
        omega
      rw [e]
      exact gatesWF_of_lt _ _ fun g hg q hq => by
        rw [List.mem_map] at hg
        obtain ⟨j, hj, rfl⟩ := hg
        exact outGate_wire_lt n j (List.mem_range.1 hj) q hq
  outputs := fun w hw => by
    simp only [fixedAdd, List.mem_map, List.mem_range] at hw
    obtain ⟨j, hj, rfl⟩ := hw
    simp only [fixedAdd, Circuit.base, List.length_append, List.length_map, List.length_range,
      length_satTests, length_sumGates]
    unfold outBase sumBase
    omega

/-- Where the output layer starts, from the circuit's first gate wire. -/
theorem fixedAdd_outBase (n : Nat) :
    2 + 2 * n + (satTests n ++ sumGates 2 n (sumBase n) n).length = outBase n := by
  rw [List.length_append, length_satTests, length_sumGates]
  unfold outBase sumBase
  omega

/-- On input bits `x` (from `n = m + 1 ≥ 2` bits on), the outputs are the bits of the saturated
sum of the two's-complement values of `x`'s halves. -/
theorem fixedAdd_eval (m : Nat) (hm : 1 ≤ m) (x : Nat → Bool) :
    (fixedAdd (m + 1)).eval x =
      bits ((saturate (m + 1) (signed (m + 1) (binVal x (m + 1)) +
        signed (m + 1) (binVal (fun j => x (m + 1 + j)) (m + 1)))) % ((2 ^ (m + 1) : Nat) : Int)).toNat (m + 1) := by
  have h1 : ¬ (m + 1 = 1) := by omega
  have hS : satTests (m + 1) = [aboveGate (m + 1), belowGate (m + 1)] := if_neg h1
  have hB : sumBase (m + 1) = 2 + 2 * (m + 1) + [aboveGate (m + 1), belowGate (m + 1)].length := by
    simp only [sumBase, satCount, if_neg h1, List.length_cons, List.length_nil]
  have hO := fixedAdd_outBase (m + 1)
  unfold Circuit.eval Circuit.values bits
  simp only [fixedAdd, Circuit.base]
  rw [List.map_map]
  apply List.map_congr_left
  intro j hj
  rw [List.mem_range] at hj
  show run Gate.eval (satTests (m + 1) ++ sumGates 2 (m + 1) (sumBase (m + 1)) (m + 1) ++
    (List.range (m + 1)).map (outGate (m + 1))) (2 + 2 * (m + 1)) (inputEnv x) (outBase (m + 1) + j) = _
  rw [run_append, hO, run_layer Gate.eval (fun g _ _ h => gateEval_congr g h) _ _ _ _ (outGate_wire_lt (m + 1)) j hj]
  rw [hS, run_append, ← hB]
  -- the two range tests, then the sum's bits
  generalize hE1 : run Gate.eval [aboveGate (m + 1), belowGate (m + 1)] (2 + 2 * (m + 1)) (inputEnv x) = E1
  have hin := satTests_wire_lt (m + 1)
  rw [hS] at hin
  have e0 : ∀ w < 2 + 2 * (m + 1), E1 w = inputEnv x w := fun w hw => by
    rw [← hE1]; exact run_below _ _ _ _ _ hw
  have eA : E1 (2 + 2 * (m + 1)) = (aboveGate (m + 1)).eval (inputEnv x) := by
    rw [← hE1]; simp [run]
  have eL : E1 (2 + 2 * (m + 1) + 1) = (belowGate (m + 1)).eval (inputEnv x) := by
    rw [← hE1]
    simp only [run]
    exact gateEval_congr _ fun q hq => by
      have := hin _ (List.mem_cons_of_mem _ (List.mem_singleton_self _)) q hq
      simp only [if_neg (show q.1 ≠ 2 + 2 * (m + 1) by omega)]
  have hsb : 2 + 2 * (m + 1) + 2 ≤ sumBase (m + 1) := by rw [hB]; simp
  have eT := run_sumGates_at Gate.eval 2 (m + 1) (sumBase (m + 1)) (by omega) E1
    (fun i => (sumTo (summand x (m + 1)) 2).testBit i)
    (fun i B' E' hB' hE' => bitGates_eval 2 (m + 1) i B' x E' (by omega)
      fun w hw => by rw [hE' w (by omega), e0 w hw]) (m + 1) j hj
  have eA2 : run Gate.eval (sumGates 2 (m + 1) (sumBase (m + 1)) (m + 1)) (sumBase (m + 1)) E1 (2 + 2 * (m + 1)) =
      E1 (2 + 2 * (m + 1)) := run_below _ _ _ _ _ (by omega)
  have eL2 : run Gate.eval (sumGates 2 (m + 1) (sumBase (m + 1)) (m + 1)) (sumBase (m + 1)) E1 (2 + 2 * (m + 1) + 1) =
      E1 (2 + 2 * (m + 1) + 1) := run_below _ _ _ _ _ (by omega)
  generalize run Gate.eval (sumGates 2 (m + 1) (sumBase (m + 1)) (m + 1)) (sumBase (m + 1)) E1 = E2 at eT eA2 eL2 ⊢
  rw [eA, aboveGate_eval] at eA2
  rw [eL, belowGate_eval] at eL2
  rw [sumTo_summand_two] at eT
  dsimp only at eT
  rw [saturate_testBit m _ _ j hj]
  generalize signed (m + 1) (binVal x (m + 1)) + signed (m + 1) (binVal (fun j => x (m + 1 + j)) (m + 1)) = v
    at eA2 eL2 ⊢
  generalize (binVal x (m + 1) + binVal (fun j => x (m + 1 + j)) (m + 1)).testBit j = T at eT ⊢
  have hP1 : 1 ≤ 2 ^ m := Nat.one_le_two_pow
  unfold outGate
  rw [if_neg h1]
  by_cases hjm : j < m + 1 - 1
  · have hjm' : j < m := by omega
    rw [if_pos hjm]
    simp only [Gate.eval, weightedSum_eq_wsum, wsum_cons, wsum_nil]
    rw [eA2, eL2, sumBit, eT, outLow_eval]
    by_cases hA : ((2 ^ m : Nat) : Int) ≤ v
    · rw [decide_eq_true hA, if_pos hA, decide_eq_true hjm']
      rfl
    · by_cases hL : ((2 ^ m : Nat) : Int) + 1 ≤ -v
      · rw [decide_eq_false hA, decide_eq_true hL, if_neg hA, if_pos hL, decide_eq_false (show ¬ j = m by omega)]
        cases T <;> rfl
      · rw [decide_eq_false hA, decide_eq_false hL, if_neg hA, if_neg hL]
        cases T <;> rfl
  · have hjm' : j = m := by omega
    rw [if_neg hjm]
    simp only [Gate.eval, weightedSum_eq_wsum, wsum_cons, wsum_nil]
    rw [eA2, eL2, sumBit, eT, outTop_eval]
    by_cases hA : ((2 ^ m : Nat) : Int) ≤ v
    · have hL : ¬ (((2 ^ m : Nat) : Int) + 1 ≤ -v) := by
        generalize 2 ^ m = P at hA hP1 ⊢
        omega
      rw [decide_eq_true hA, decide_eq_false hL, if_pos hA, decide_eq_false (show ¬ j < m by omega)]
      cases T <;> rfl
    · by_cases hL : ((2 ^ m : Nat) : Int) + 1 ≤ -v
      · rw [decide_eq_false hA, decide_eq_true hL, if_neg hA, if_pos hL, decide_eq_true hjm']
        rfl
      · rw [decide_eq_false hA, decide_eq_false hL, if_neg hA, if_neg hL]
        cases T <;> rfl

/-- A gate reading only wires of depth 0 has depth 1. -/
theorem depth_of_inputs_zero (g : Gate) (D : Nat → Nat) (h : ∀ q ∈ g.inputs, D q.1 = 0) : g.depth D = 1 := by
  unfold Gate.depth
  rw [List.map_congr_left h, maxList_map_zero]

theorem maxList_map_const {β : Type} (l : List β) (c : Nat) (h : l ≠ []) : maxList (l.map fun _ => c) = c := by
  apply Nat.le_antisymm
  · exact maxList_le fun a ha => by
      rw [List.mem_map] at ha
      obtain ⟨_, _, rfl⟩ := ha
      exact Nat.le_refl c
  · obtain ⟨b, l', rfl⟩ : ∃ b l', l = b :: l' := by
      cases l with
      | nil => exact absurd rfl h
      | cons b l' => exact ⟨b, l', rfl⟩
    exact le_maxList (List.mem_map.2 ⟨b, List.mem_cons_self .., rfl⟩)

/-- Every bit of the sum of two numbers of `n` bits has two or three tests, so depth 2. -/
theorem bitDepth_two (n j : Nat) (hn : 1 ≤ n) (hj : j < n) : bitDepth 2 n j = 2 := by
  have hs : ¬ SingleBit 2 n j := fun h => by unfold SingleBit at h; omega
  have ht : 2 ≤ numTests 2 n j := by
    rw [numTests_two n j hn (by omega)]
    split <;> (try split) <;> omega
  unfold bitDepth
  rw [if_neg hs, if_neg (by omega), if_neg (by omega)]

/-- From `n = m + 1 ≥ 2` bits on, every output has depth 3: range tests (1), sum bits (2), outputs. -/
theorem fixedAdd_depths (m : Nat) (hm : 1 ≤ m) :
    (fixedAdd (m + 1)).outputs.map (fixedAdd (m + 1)).depths = (List.range (m + 1)).map fun _ => 3 := by
  have h1 : ¬ (m + 1 = 1) := by omega
  have hS : satTests (m + 1) = [aboveGate (m + 1), belowGate (m + 1)] := if_neg h1
  have hB : sumBase (m + 1) = 2 + 2 * (m + 1) + [aboveGate (m + 1), belowGate (m + 1)].length := by
    simp only [sumBase, satCount, if_neg h1, List.length_cons, List.length_nil]
  have hO := fixedAdd_outBase (m + 1)
  unfold Circuit.depths
  simp only [fixedAdd, Circuit.base]
  rw [List.map_map]
  apply List.map_congr_left
  intro j hj
  rw [List.mem_range] at hj
  show run Gate.depth (satTests (m + 1) ++ sumGates 2 (m + 1) (sumBase (m + 1)) (m + 1) ++
    (List.range (m + 1)).map (outGate (m + 1))) (2 + 2 * (m + 1)) (fun _ => 0) (outBase (m + 1) + j) = 3
  rw [run_append, hO, run_layer Gate.depth (fun g _ _ h => gateDepth_congr g h) _ _ _ _ (outGate_wire_lt (m + 1)) j hj]
  rw [hS, run_append, ← hB]
  generalize hE1 : run Gate.depth [aboveGate (m + 1), belowGate (m + 1)] (2 + 2 * (m + 1)) (fun _ => 0) = D1
  have hin := satTests_wire_lt (m + 1)
  rw [hS] at hin
  have e0 : ∀ w < 2 + 2 * (m + 1), D1 w = 0 := fun w hw => by
    rw [← hE1]; exact run_below _ _ _ _ _ hw
  have dA : D1 (2 + 2 * (m + 1)) = 1 := by
    rw [← hE1]
    simp [run]
    exact depth_of_inputs_zero _ _ fun _ _ => rfl
  have dL : D1 (2 + 2 * (m + 1) + 1) = 1 := by
    rw [← hE1]
    simp only [run, ↓reduceIte]
    exact depth_of_inputs_zero _ _ fun q hq => by
      have := hin _ (List.mem_cons_of_mem _ (List.mem_singleton_self _)) q hq
      simp only [if_neg (show q.1 ≠ 2 + 2 * (m + 1) by omega)]
  have hsb : 2 + 2 * (m + 1) + 2 ≤ sumBase (m + 1) := by rw [hB]; simp
  have dT := run_sumGates_at Gate.depth 2 (m + 1) (sumBase (m + 1)) (by omega) D1
    (fun i => bitDepth 2 (m + 1) i)
    (fun i B' E' hB' hE' => bitGates_depth 2 (m + 1) i B' E' (by omega)
      fun w hw => by rw [hE' w (by omega), e0 w hw]) (m + 1) j hj
  have dA2 : run Gate.depth (sumGates 2 (m + 1) (sumBase (m + 1)) (m + 1)) (sumBase (m + 1)) D1 (2 + 2 * (m + 1)) =
      D1 (2 + 2 * (m + 1)) := run_below _ _ _ _ _ (by omega)
  have dL2 : run Gate.depth (sumGates 2 (m + 1) (sumBase (m + 1)) (m + 1)) (sumBase (m + 1)) D1 (2 + 2 * (m + 1) + 1) =
      D1 (2 + 2 * (m + 1) + 1) := run_below _ _ _ _ _ (by omega)
  generalize run Gate.depth (sumGates 2 (m + 1) (sumBase (m + 1)) (m + 1)) (sumBase (m + 1)) D1 = D2 at dT dA2 dL2 ⊢
  dsimp only at dT
  rw [bitDepth_two (m + 1) j (by omega) hj] at dT
  rw [dA] at dA2
  rw [dL] at dL2
  unfold outGate
  rw [if_neg h1]
  split
  · simp only [Gate.depth, List.map_cons, List.map_nil]
    rw [dA2, dL2, sumBit, dT]
    rfl
  · simp only [Gate.depth, List.map_cons, List.map_nil]
    rw [dA2, dL2, sumBit, dT]
    rfl

theorem fixedAdd_size (n : Nat) (hn : 1 ≤ n) : (fixedAdd n).size = satCount n + (4 * n - 1) + n := by
  simp only [Circuit.size, fixedAdd, List.length_append, List.length_map, List.length_range, length_satTests,
    length_sumGates]
  rw [add_sumTo_blockSize n hn n hn (Nat.le_refl n)]

/-- `fixed.add` for every width `n = i + f ≥ 1`: well formed; on every pair of `n`-bit inputs the
outputs are the two's-complement bits of the sum of their two's-complement values, saturated to
`[-2^(n-1), 2^(n-1) - 1]`; depth 3; at most `5n + 1` gates (exactly that from two bits on). -/
theorem fixedAdd_spec (n : Nat) (hn : 1 ≤ n) :
    (fixedAdd n).WellFormed ∧
    (∀ a b, a < 2 ^ n → b < 2 ^ n → (fixedAdd n).evalNat (a + 2 ^ n * b) =
      bits ((max (-((2 ^ (n - 1) : Nat) : Int)) (min (((2 ^ (n - 1) : Nat) : Int) - 1)
        ((if a ≥ 2 ^ (n - 1) then (a : Int) - (2 ^ n : Nat) else (a : Int)) +
          (if b ≥ 2 ^ (n - 1) then (b : Int) - (2 ^ n : Nat) else (b : Int))))) % ((2 ^ n : Nat) : Int)).toNat n) ∧
    (fixedAdd n).depth = 3 ∧ (fixedAdd n).size ≤ 5 * n + 1 := by
  obtain ⟨m, rfl⟩ : ∃ m, n = m + 1 := ⟨n - 1, by omega⟩
  refine ⟨fixedAdd_wellFormed (m + 1), fun a b ha hb => ?_, ?_, ?_⟩
  · by_cases hm : 1 ≤ m
    · unfold Circuit.evalNat
      rw [fixedAdd_eval m hm, (binVal_pack (m + 1) a b ha hb).1, (binVal_pack (m + 1) a b ha hb).2]
      rfl
    · obtain rfl : m = 0 := by omega
      obtain rfl | rfl : a = 0 ∨ a = 1 := by omega
      all_goals obtain rfl | rfl : b = 0 ∨ b = 1 := by omega
      all_goals decide
  · by_cases hm : 1 ≤ m
    · unfold Circuit.depth
      rw [fixedAdd_depths m hm]
      exact maxList_map_const _ 3 (by simp)
    · obtain rfl : m = 0 := by omega
      decide
  · rw [fixedAdd_size (m + 1) (by omega)]
    unfold satCount
    split <;> omega

end TC0.Arith
