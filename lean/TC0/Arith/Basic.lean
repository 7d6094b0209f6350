module

public import TC0.Circuit

/-!
# Building blocks for arithmetic circuits

What the integer circuits of `TC0.Arith.Int` are proved from:

- `binVal x n`: the number whose little-endian bits are `x 0, …, x (n-1)`, and how it relates
  to `Nat.testBit` (`binVal_testBit`), to its lower part (`binVal_add`) and to bit tests
  (`testBit_add_two_pow_mul`);
- `sumTo f n = f 0 + … + f (n-1)` and the few facts about it the proofs need;
- `wsum`: the weighted sum a gate computes (`Gate.weightedSum` is `wsum` of its inputs), for
  the input lists the constructions use: a run of bits weighted `2^j` (`wsum_bits`), their
  concatenation over summands (`wsum_flatMap_range`), and runs of `±1` weights
  (`wsum_parity`, `wsum_negOnes`);
- `run_layer`: a list of gates that read only wires below its first wire gets, at gate `t`,
  the value of gate `t` on the starting environment; `gatesWF_of_lt` and `gatesWF_append'`
  give well-formedness of such layers and of their concatenation.

Everything here lives in `TC0.Arith` so that it cannot clash with lemmas added to the core
files of the library.
-/

@[expose] public noncomputable section

namespace TC0.Arith

open TC0

/-! ## Binary values -/

/-- The number whose little-endian bits are `x 0, …, x (n-1)`. -/
def binVal (x : Nat → Bool) : Nat → Nat
  | 0 => 0
  | n + 1 => binVal x n + if x n then 2 ^ n else 0

theorem binVal_lt (x : Nat → Bool) : ∀ n, binVal x n < 2 ^ n
  | 0 => by simp [binVal]
  | n + 1 => by
    have ih := binVal_lt x n
    simp only [binVal, Nat.pow_succ]
    split <;> omega

theorem binVal_congr {x y : Nat → Bool} : ∀ n, (∀ j < n, x j = y j) → binVal x n = binVal y n
  | 0, _ => rfl
  | n + 1, h => by
    simp only [binVal]
    rw [binVal_congr n (fun j hj => h j (by omega)), h n (by omega)]

/-- The bits `o, o + 1, …, o + n - 1` of `X`, read as a number, are `X / 2^o % 2^n`. -/
theorem binVal_testBit (X o : Nat) : ∀ n, binVal (fun j => X.testBit (o + j)) n = X / 2 ^ o % 2 ^ n
  | 0 => by simp [binVal, Nat.mod_one]
  | n + 1 => by
    have e1 : X / 2 ^ o % 2 ^ (n + 1) = X / 2 ^ o % 2 ^ n + 2 ^ n * (X / 2 ^ o / 2 ^ n % 2) :=
      Nat.mod_pow_succ
    have e2 : X.testBit (o + n) = decide (X / 2 ^ o / 2 ^ n % 2 = 1) := by
      rw [Nat.testBit_eq_decide_div_mod_eq, Nat.pow_add, Nat.div_div_eq_div_mul]
    simp only [binVal, e2]
    rw [binVal_testBit X o n, e1]
    rcases Nat.mod_two_eq_zero_or_one (X / 2 ^ o / 2 ^ n) with h | h <;> simp only [h] <;> simp

/-- The first `m + d` bits: the first `m`, plus `2^m` times the `d` after them. -/
theorem binVal_add (x : Nat → Bool) (m : Nat) :
    ∀ d, binVal x (m + d) = binVal x m + 2 ^ m * binVal (fun j => x (m + j)) d
  | 0 => by simp [binVal]
  | d + 1 => by
    have ih := binVal_add x m d
    rw [← Nat.add_assoc]
    simp only [binVal]
    rw [ih, Nat.pow_add]
    by_cases hx : x (m + d) = true
    · simp only [hx, if_true, Nat.mul_add]; omega
    · simp only [hx, if_false, Bool.false_eq_true, Nat.add_zero]

/-- Bit `i` does not see multiples of `2^(i+1)`. -/
theorem testBit_add_two_pow_mul (L R i : Nat) : (L + 2 ^ (i + 1) * R).testBit i = L.testBit i := by
  rw [Nat.testBit_eq_decide_div_mod_eq, Nat.testBit_eq_decide_div_mod_eq]
  have e : (L + 2 ^ (i + 1) * R) / 2 ^ i = L / 2 ^ i + 2 * R := by
    rw [Nat.pow_succ, Nat.mul_assoc, Nat.add_mul_div_left _ _ (Nat.two_pow_pos i)]
  have key : (L / 2 ^ i + 2 * R) % 2 = L / 2 ^ i % 2 := by omega
  rw [e, key]

/-! ## Finite sums -/

/-- `f 0 + f 1 + … + f (n - 1)`. -/
def sumTo (f : Nat → Nat) : Nat → Nat
  | 0 => 0
  | n + 1 => sumTo f n + f n

theorem sumTo_congr {f g : Nat → Nat} : ∀ n, (∀ t < n, f t = g t) → sumTo f n = sumTo g n
  | 0, _ => rfl
  | n + 1, h => by
    simp only [sumTo]
    rw [sumTo_congr n (fun t ht => h t (by omega)), h n (by omega)]

theorem sumTo_add_mul (g h : Nat → Nat) (c : Nat) :
    ∀ n, sumTo (fun t => g t + c * h t) n = sumTo g n + c * sumTo h n
  | 0 => by simp [sumTo]
  | n + 1 => by
    simp only [sumTo]
    rw [sumTo_add_mul g h c n, Nat.mul_add]
    omega

theorem sumTo_le_mul (f : Nat → Nat) (c : Nat) : ∀ n, (∀ t < n, f t ≤ c) → sumTo f n ≤ n * c
  | 0, _ => by simp [sumTo]
  | n + 1, h => by
    have ih := sumTo_le_mul f c n (fun t ht => h t (by omega))
    have hn := h n (by omega)
    simp only [sumTo, Nat.succ_mul]
    omega

theorem sumTo_eq_zero_iff (f : Nat → Nat) : ∀ n, sumTo f n = 0 ↔ ∀ t < n, f t = 0
  | 0 => by simp [sumTo]
  | n + 1 => by
    have ih := sumTo_eq_zero_iff f n
    simp only [sumTo]
    constructor
    · intro h t ht
      by_cases e : t = n
      · subst e; omega
      · exact ih.1 (by omega) t (by omega)
    · intro h
      have h1 := ih.2 (fun t ht => h t (by omega))
      have h2 := h n (by omega)
      omega

/-! ## Weighted sums of gate inputs -/

/-- The weighted sum of the `(wire, weight)` pairs whose wire is on: what a gate compares with its
threshold (`Gate.weightedSum g val = wsum g.inputs val`). -/
def wsum (l : List (Nat × Int)) (val : Nat → Bool) : Int :=
  (l.map fun q => if val q.1 then q.2 else 0).sum

theorem weightedSum_eq_wsum (g : Gate) (val : Nat → Bool) : g.weightedSum val = wsum g.inputs val := rfl

theorem wsum_nil (val : Nat → Bool) : wsum [] val = 0 := rfl

theorem wsum_cons (q : Nat × Int) (l : List (Nat × Int)) (val : Nat → Bool) :
    wsum (q :: l) val = (if val q.1 then q.2 else 0) + wsum l val := by
  simp [wsum, List.map_cons, List.sum_cons]

theorem wsum_append (l₁ l₂ : List (Nat × Int)) (val : Nat → Bool) :
    wsum (l₁ ++ l₂) val = wsum l₁ val + wsum l₂ val := by
  induction l₁ with
  | nil => simp [wsum]
  | cons q l ih => rw [List.cons_append, wsum_cons, wsum_cons, ih, Int.add_assoc]

theorem wsum_congr {l : List (Nat × Int)} {val val' : Nat → Bool} (h : ∀ q ∈ l, val q.1 = val' q.1) :
    wsum l val = wsum l val' := by
  have e : l.map (fun q => if val q.1 then q.2 else 0) = l.map (fun q => if val' q.1 then q.2 else 0) :=
    List.map_congr_left (fun q hq => by rw [h q hq])
  simp only [wsum, e]

/-- Wires `w₀ … w₀ + n - 1` weighted `1, 2, …, 2^(n-1)`: their binary value. -/
theorem wsum_bits (w₀ : Nat) (val : Nat → Bool) :
    ∀ n, wsum ((List.range n).map fun j => (w₀ + j, ((2 ^ j : Nat) : Int))) val =
      (binVal (fun j => val (w₀ + j)) n : Int)
  | 0 => by simp [wsum, binVal]
  | n + 1 => by
    rw [List.range_succ, List.map_append, wsum_append, wsum_bits w₀ val n]
    simp only [List.map_cons, List.map_nil, wsum_cons, wsum_nil, binVal]
    by_cases hv : val (w₀ + n) = true
    · simp only [hv, if_true]; omega
    · simp only [hv, if_false, Bool.false_eq_true]; omega

/-- The same wires weighted `-1, -2, …, -2^(n-1)`. -/
theorem wsum_bits_neg (w₀ : Nat) (val : Nat → Bool) :
    ∀ n, wsum ((List.range n).map fun j => (w₀ + j, -((2 ^ j : Nat) : Int))) val =
      -(binVal (fun j => val (w₀ + j)) n : Int)
  | 0 => by simp [wsum, binVal]
  | n + 1 => by
    rw [List.range_succ, List.map_append, wsum_append, wsum_bits_neg w₀ val n]
    simp only [List.map_cons, List.map_nil, wsum_cons, wsum_nil, binVal]
    by_cases hv : val (w₀ + n) = true
    · simp only [hv, if_true]; omega
    · simp only [hv, if_false, Bool.false_eq_true]; omega

/-- Concatenated input lists of summands `0 … k - 1` sum up summand by summand. -/
theorem wsum_flatMap_range (F : Nat → List (Nat × Int)) (f : Nat → Nat) (val : Nat → Bool)
    (h : ∀ t, wsum (F t) val = (f t : Int)) : ∀ k, wsum ((List.range k).flatMap F) val = (sumTo f k : Int)
  | 0 => by simp [wsum, sumTo]
  | k + 1 => by
    rw [List.range_succ, List.flatMap_append, wsum_append, wsum_flatMap_range F f val h k]
    simp only [List.flatMap_cons, List.flatMap_nil, List.append_nil, sumTo]
    rw [h k]
    omega

/-- Wires `c … c + m - 1` weighted `-1`: minus the number of them that are on. -/
theorem wsum_negOnes (c : Nat) (val : Nat → Bool) :
    ∀ m, wsum ((List.range m).map fun t => (c + t, (-1 : Int))) val =
      -(sumTo (fun t => if val (c + t) then 1 else 0) m : Int)
  | 0 => by simp [wsum, sumTo]
  | m + 1 => by
    rw [List.range_succ, List.map_append, wsum_append, wsum_negOnes c val m]
    simp only [List.map_cons, List.map_nil, wsum_cons, wsum_nil, sumTo]
    by_cases hv : val (c + m) = true
    · simp only [hv, if_true]; omega
    · simp only [hv, if_false, Bool.false_eq_true]; omega

/-- Wires `B … B + n - 1` holding the tests `[(t + 1) h ≤ L]`, weighted `+1, -1, +1, …`: the sum
is the parity of the number of tests that hold, `min (L / h) n`. -/
theorem wsum_parity (B h L : Nat) (hh : 0 < h) (val : Nat → Bool) :
    ∀ n, (∀ t < n, val (B + t) = decide ((t + 1) * h ≤ L)) →
      wsum ((List.range n).map fun t => (B + t, if t % 2 = 0 then (1 : Int) else -1)) val =
        ((min (L / h) n % 2 : Nat) : Int)
  | 0, _ => by simp [wsum]
  | n + 1, hv => by
    rw [List.range_succ, List.map_append, wsum_append, wsum_parity B h L hh val n (fun t ht => hv t (by omega))]
    simp only [List.map_cons, List.map_nil, wsum_cons, wsum_nil]
    rw [hv n (by omega)]
    by_cases hc : (n + 1) * h ≤ L
    · have hq : n + 1 ≤ L / h := (Nat.le_div_iff_mul_le hh).2 hc
      rw [if_pos (decide_eq_true hc)]
      split <;> omega
    · have hq : ¬ (n + 1 ≤ L / h) := fun h' => hc ((Nat.le_div_iff_mul_le hh).1 h')
      rw [if_neg (fun h' => hc (of_decide_eq_true h'))]
      omega

/-! ## Layers of gates -/

theorem gateEval_congr (g : Gate) {E E' : Nat → Bool} (h : ∀ q ∈ g.inputs, E q.1 = E' q.1) :
    g.eval E = g.eval E' := by
  simp only [Gate.eval, weightedSum_eq_wsum, wsum_congr h]

theorem gateDepth_congr (g : Gate) {D D' : Nat → Nat} (h : ∀ q ∈ g.inputs, D q.1 = D' q.1) :
    g.depth D = g.depth D' := by
  have e : g.inputs.map (fun q => D q.1) = g.inputs.map (fun q => D' q.1) :=
    List.map_congr_left (fun q hq => h q hq)
  simp only [Gate.depth, e]

/-- A layer `f 0, …, f (n - 1)` whose gates read only wires below its first wire `b`: gate `t`
gets its value on the environment the layer starts from. Holds for evaluation and for depth. -/
theorem run_layer {α : Type} (I : Gate → (Nat → α) → α)
    (hI : ∀ g (E E' : Nat → α), (∀ q ∈ g.inputs, E q.1 = E' q.1) → I g E = I g E')
    (f : Nat → Gate) (b : Nat) (E : Nat → α) :
    ∀ n, (∀ t < n, ∀ q ∈ (f t).inputs, q.1 < b) → ∀ t < n, run I ((List.range n).map f) b E (b + t) = I (f t) E
  | 0, _, t, ht => absurd ht (Nat.not_lt_zero _)
  | n + 1, hf, t, ht => by
    rw [List.range_succ, List.map_append, run_append]
    simp only [List.map_cons, List.map_nil, run, List.length_map, List.length_range]
    by_cases e : t = n
    · rw [if_pos (by omega), e]
      exact hI _ _ _ fun q hq => run_below I _ b E q.1 (hf n (by omega) q hq)
    · rw [if_neg (by omega)]
      exact run_layer I hI f b E n (fun s hs => hf s (by omega)) t (by omega)

theorem gatesWF_nil (b : Nat) : GatesWF [] b := trivial

theorem gatesWF_of_lt : ∀ (gs : List Gate) (b : Nat), (∀ g ∈ gs, ∀ q ∈ g.inputs, q.1 < b) → GatesWF gs b
  | [], _, _ => trivial
  | g :: gs, b, h =>
    ⟨h g (List.mem_cons_self ..), gatesWF_of_lt gs (b + 1) fun g' hg q hq =>
      Nat.lt_succ_of_lt (h g' (List.mem_cons_of_mem _ hg) q hq)⟩

theorem gatesWF_append' : ∀ (gs hs : List Gate) (b : Nat),
    GatesWF gs b → GatesWF hs (b + gs.length) → GatesWF (gs ++ hs) b
  | [], hs, b, _, h => by simpa using h
  | g :: gs, hs, b, ⟨h₁, h₂⟩, h => ⟨h₁, gatesWF_append' gs hs (b + 1) h₂ (by
      have e : b + 1 + gs.length = b + (g :: gs).length := by simp only [List.length_cons]; omega
      rw [e]; exact h)⟩

/-- Input bit `w` is wire `2 + w`. -/
theorem inputEnv_input (x : Nat → Bool) (w : Nat) : inputEnv x (2 + w) = x w := by
  unfold inputEnv
  rw [if_neg (by omega), if_neg (by omega), Nat.add_sub_cancel_left]

end TC0.Arith
