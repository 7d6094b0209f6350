module

public import TC0.S5

/-!
# The fixed membership problem, and the reduction from the S5 word problem

Fleischer and Kufleitner's fixed membership problem: for a fixed morphism `h` from letters into a
monoid and a fixed set `P` of pairs `(s, e)`, given words `u` and `v`, is the infinite word
`u v^ω` in `[P] = ⋃ h⁻¹(s) (h⁻¹(e))^ω`, i.e. can it be cut into non-empty blocks, the first with
product `s` and every later one with product `e` (`FixedMembership`)?

`S5.fixedMembership` is the instance the workbench uses (hard.fixed-membership): letters are the
permutations of five points, `h` the identity, `P = {(1, 1)}`; a letter is coded by its 15-bit
code and a flag (0 in `u`, 1 in `v`), 16 bits. With the identity as the neutral letter,
`u 1^ω ∈ [P]` exactly when the product of `u` is the identity (`fixedMembership_neutral`), so
`w ↦ (u = w, v = 1)` reduces the S5 word problem to it. The reduction is a family of circuits
without gates (`fmReduction`: each 15-bit block gets the flag 0, then the neutral letter with flag
1; a length that is not a multiple of 15 maps to all zeros, no code word of this language):
`reduces_fixedMembership` proves it correct for every length.
-/

@[expose] public noncomputable section

namespace TC0

/-- Position `i` of the infinite word `u v^ω`. -/
def lasso {α : Type} [Inhabited α] (u v : List α) (i : Nat) : α :=
  if i < u.length then u.getD i default else v.getD ((i - u.length) % v.length) default

/-- The product of the `len` images `f a, f (a + 1), …`. -/
def segProd {S : Type} (mul : S → S → S) (one : S) (f : Nat → S) (a : Nat) : Nat → S
  | 0 => one
  | len + 1 => mul (f a) (segProd mul one f (a + 1) len)

/-- `u v^ω ∈ [P]`: `v` is not empty, and for some `(s, e) ∈ P` the cuts `0 = cut 0 < cut 1 < …`
split `u v^ω` into blocks, the first with product `s` under `h`, all later ones with product `e`. -/
def FixedMembership {α S : Type} [Inhabited α] (mul : S → S → S) (one : S) (h : α → S)
    (P : List (S × S)) (u v : List α) : Prop :=
  v ≠ [] ∧ ∃ se ∈ P, ∃ cut : Nat → Nat, cut 0 = 0 ∧ (∀ i, cut i < cut (i + 1)) ∧
    ∀ i, segProd mul one (fun j => h (lasso u v j)) (cut i) (cut (i + 1) - cut i) =
      if i = 0 then se.1 else se.2

namespace S5

/-! ## Products of segments in S5 -/

theorem length_segProd (f : Nat → Perm) (a : Nat) : ∀ len, (segProd mul one f a len).length = 5
  | 0 => rfl
  | _ + 1 => length_mul _ _

theorem segProd_add (f : Nat → Perm) (hf : ∀ j, (f j).length = 5) :
    ∀ (m a l : Nat), segProd mul one f a (m + l) = mul (segProd mul one f a m) (segProd mul one f (a + m) l)
  | 0, a, l => by rw [Nat.zero_add, Nat.add_zero]; exact (one_mul (length_segProd f a l)).symm
  | m + 1, a, l => by
    rw [show m + 1 + l = (m + l) + 1 by omega, segProd, segProd, segProd_add f hf m (a + 1) l,
      mul_assoc (hf a) (length_segProd f _ _) (length_segProd f _ _), show a + 1 + m = a + (m + 1) by omega]

theorem segProd_eq_prod (u : List Perm) :
    ∀ (f : Nat → Perm) (a : Nat), (∀ j < u.length, f (a + j) = u.getD j []) → segProd mul one f a u.length = prod u := by
  induction u with
  | nil => intros; rfl
  | cons p u ih =>
    intro f a h
    have h0 := h 0 (by simp)
    rw [Nat.add_zero] at h0
    rw [List.length_cons, segProd, prod, h0, ih f (a + 1) fun j hj => by
      rw [show a + 1 + j = a + (j + 1) by omega, h (j + 1) (by simpa using hj)]; rfl]
    rfl

theorem segProd_ones (f : Nat → Perm) (a : Nat) (h : ∀ j, a ≤ j → f j = one) :
    ∀ len, segProd mul one f a len = one
  | 0 => rfl
  | len + 1 => by
    rw [segProd, h a (Nat.le_refl a), segProd_ones f (a + 1) (fun j hj => h j (by omega)) len]
    rfl

theorem cut_ge (cut : Nat → Nat) (h : ∀ i, cut i < cut (i + 1)) : ∀ i, i ≤ cut i
  | 0 => Nat.zero_le _
  | i + 1 => Nat.lt_of_le_of_lt (cut_ge cut h i) (h i)

/-- With the identity as the neutral letter repeated forever, `u 1^ω ∈ [{(1, 1)}]` exactly when
the product of `u` is the identity. -/
theorem fixedMembership_neutral (u : List Perm) (hu : ∀ p ∈ u, p.length = 5) :
    FixedMembership mul one id [(one, one)] u [one] ↔ prod u = one := by
  have hl : ∀ j, j < u.length → id (lasso u [one] j) = u.getD j [] := by
    intro j hj; simp only [lasso, id, if_pos hj]; rfl
  have hr : ∀ j, u.length ≤ j → id (lasso u [one] j) = one := by
    intro j hj; simp only [lasso, id, if_neg (Nat.not_lt.mpr hj), List.length_singleton, Nat.mod_one]; rfl
  have hf : ∀ j, (id (lasso u [one] j)).length = 5 := by
    intro j
    by_cases hj : j < u.length
    · rw [hl j hj]
      exact hu _ (getD_mem [] hj)
    · rw [hr j (by omega)]; rfl
  have hprefix : segProd mul one (fun j => id (lasso u [one] j)) 0 u.length = prod u :=
    segProd_eq_prod u _ 0 fun j hj => by rw [Nat.zero_add]; exact hl j hj
  constructor
  · rintro ⟨_, se, hse, cut, h0, hmono, hblk⟩
    rw [List.mem_singleton] at hse
    subst hse
    have hall : ∀ i, segProd mul one (fun j => id (lasso u [one] j)) 0 (cut (i + 1)) = one := by
      intro i
      induction i with
      | zero => have := hblk 0; rwa [h0, Nat.sub_zero, if_pos rfl] at this
      | succ i ih =>
        have hb := hblk (i + 1)
        rw [if_neg (by omega)] at hb
        rw [show cut (i + 1 + 1) = cut (i + 1) + (cut (i + 1 + 1) - cut (i + 1)) by
          have := hmono (i + 1); omega, segProd_add _ hf, ih, Nat.zero_add, hb]
        rfl
    have hc := cut_ge cut hmono (u.length + 1)
    have := hall u.length
    rw [show cut (u.length + 1) = u.length + (cut (u.length + 1) - u.length) by omega,
      segProd_add _ hf, hprefix, Nat.zero_add,
      segProd_ones _ u.length hr, mul_one (length_prod u)] at this
    exact this
  · intro hprod
    refine ⟨by simp, (one, one), by simp, fun i => if i = 0 then 0 else u.length + i, rfl, ?_, ?_⟩
    · intro i
      by_cases hi : i = 0
      · simp [hi]
      · simp [hi]
    · intro i
      by_cases hi : i = 0
      · subst hi
        show segProd mul one (fun j => id (lasso u [one] j)) 0 (u.length + 1) = one
        rw [segProd_add _ hf u.length 0 1, hprefix, hprod, Nat.zero_add,
          segProd_ones _ u.length hr]
        rfl
      · simp only [if_neg hi, if_neg (show ¬ (i + 1 = 0) by omega)]
        rw [show u.length + (i + 1) - (u.length + i) = 1 by omega,
          segProd_ones _ (u.length + i) (fun j hj => hr j (by omega))]

/-! ## The language -/

/-- A letter of the fixed membership instance: a permutation, and whether it belongs to `v`. -/
def fmCode : Code (Perm × Bool) where
  width := 16
  enc l := code.enc l.1 ++ [l.2]
  enc_length l := by simp [code.enc_length]; rfl

/-- The fixed membership problem of S5 with `h` the identity and `P = {(1, 1)}`: the code words
of `u` (flags 0) followed by `v` (flags 1), all letters permutations, with `u v^ω ∈ [P]`. -/
def fixedMembership : Language :=
  fmCode.lang fun word => ∃ u v : List Perm, word = u.map (·, false) ++ v.map (·, true) ∧
    (∀ p ∈ u ++ v, isPerm p = true) ∧ FixedMembership mul one id [(one, one)] u v

/-! ## The reduction -/

/-- The wires of the reduction on `k` letters: every 15-bit block with the flag 0, then the
neutral letter with the flag 1. -/
def fmWires (k : Nat) : List Nat :=
  ((List.range k).map (fun i => (List.range 15).map (fun b => 2 + (15 * i + b)) ++ [0]) ++
    [(code.enc one).map (fun (b : Bool) => if b then 1 else 0) ++ [1]]).flatten

/-- What the reduction outputs on `k` letters: the blocks with flag 0, then the neutral letter. -/
def fmImage (bits : List Bool) (k : Nat) : List (List Bool) :=
  (List.range k).map (fun i => block bits 15 i ++ [false]) ++ [code.enc one ++ [true]]

/-- The reduction's circuit at input length `n` (no gates). -/
def fmCircuit (n : Nat) : Circuit :=
  if n % 15 = 0 then wires n (fmWires (n / 15)) else wires n (List.replicate (16 * (n / 15 + 1)) 0)

theorem length_fmWires (k : Nat) : (fmWires k).length = 16 * (k + 1) := by
  simp only [fmWires, List.length_flatten, List.map_append, List.map_map, List.map_cons, List.map_nil,
    sum_append, List.sum_cons, List.sum_nil]
  rw [List.map_congr_left (g := fun _ => 16) fun i _ => by simp, sum_map_const]
  have hw : code.width = 15 := rfl
  simp [code.enc_length, hw] <;> omega

theorem map_fmWires (bits : List Bool) (k : Nat) :
    (fmWires k).map (inputEnv (outBit bits)) = (fmImage bits k).flatten := by
  rw [fmWires, List.map_flatten, fmImage, List.map_append, List.map_map, List.map_cons, List.map_nil]
  congr 2
  · apply List.map_congr_left
    intro i _
    simp only [Function.comp, List.map_append, List.map_map, List.map_cons, List.map_nil]
    congr 1
    apply List.map_congr_left
    intro b _
    simp only [Function.comp, inputEnv_two_add, outBit]

theorem length_fmImage (bits : List Bool) (k : Nat) : ∀ v ∈ fmImage bits k, v.length = 16 := by
  intro v hv
  simp only [fmImage, List.mem_append, List.mem_map, List.mem_singleton] at hv
  rcases hv with ⟨i, _, rfl⟩ | rfl
  · simp [block]
  · simp [code.enc_length]; rfl

theorem wellFormed_fmCircuit (n : Nat) : (fmCircuit n).WellFormed := by
  unfold fmCircuit
  split
  · rename_i h
    apply wellFormed_wires
    intro w hw
    simp only [fmWires, List.mem_flatten, List.mem_append, List.mem_map, List.mem_singleton] at hw
    obtain ⟨l, hl, hw⟩ := hw
    rcases hl with ⟨i, hi, rfl⟩ | rfl
    · simp only [List.mem_append, List.mem_map, List.mem_singleton] at hw
      have hi' := List.mem_range.mp hi
      rcases hw with ⟨b, hb, rfl⟩ | rfl
      · have hb' := List.mem_range.mp hb
        have : 15 * i + 15 ≤ n := by have := Nat.div_mul_cancel (Nat.dvd_of_mod_eq_zero h); omega
        omega
      · omega
    · simp only [List.mem_append, List.mem_map, List.mem_singleton] at hw
      rcases hw with ⟨b, _, rfl⟩ | rfl
      · cases b <;> simp <;> omega
      · omega
  · exact wellFormed_wires fun w hw => by obtain ⟨_, rfl⟩ := List.mem_replicate.mp hw; omega

theorem numInputs_fmCircuit (n : Nat) : (fmCircuit n).numInputs = n := by
  unfold fmCircuit; split <;> rfl

theorem outputs_length_fmCircuit (n : Nat) : (fmCircuit n).outputs.length = 16 * (n / 15 + 1) := by
  unfold fmCircuit
  split
  · simp only [wires, length_fmWires]
  · simp [wires]

theorem depth_fmCircuit (n : Nat) : (fmCircuit n).depth = 0 := by
  unfold fmCircuit; split <;> exact depth_wires _ _

theorem size_fmCircuit (n : Nat) : (fmCircuit n).size = 0 := by
  unfold fmCircuit; split <;> exact size_wires _ _

/-- The reduction from the S5 word problem, a family of circuits without gates. -/
def fmReduction : Reduction where
  circ := fmCircuit
  wf := wellFormed_fmCircuit
  arity := numInputs_fmCircuit
  len n := 16 * (n / 15 + 1)
  outLen := outputs_length_fmCircuit
  constDepth := ⟨0, fun n => Nat.le_of_eq (depth_fmCircuit n)⟩
  polySize := ⟨0, fun n => by
    show (fmCircuit n).size ≤ _
    rw [size_fmCircuit]; exact Nat.zero_le _⟩
  polyLen := ⟨16 + (max 1 0 + 1), fun n => by
    have h := mul_le_pow (le_pow_self 16 n) (add_le_pow (show n ≤ (n + 2) ^ 1 by rw [Nat.pow_one]; omega)
      (show 1 ≤ (n + 2) ^ 0 by simp))
    show 16 * (n / 15 + 1) ≤ _
    refine Nat.le_trans ?_ h
    have := Nat.div_le_self n 15
    omega⟩

theorem apply_fmReduction (bits : List Bool) :
    fmReduction.apply bits = if bits.length % 15 = 0 then (fmImage bits (bits.length / 15)).flatten
      else List.replicate (16 * (bits.length / 15 + 1)) false := by
  show (fmCircuit bits.length).eval (outBit bits) = _
  unfold fmCircuit
  split
  · rw [eval_wires, map_fmWires]
  · rw [eval_wires, List.map_replicate]; rfl

/-- The S5 word problem reduces to fixed membership, for every input length. -/
theorem reduces_fixedMembership : Reduces wordProblem fixedMembership := by
  refine ⟨fmReduction, fun bits => ?_⟩
  rw [apply_fmReduction]
  split
  · rename_i hn
    have hk : bits.length = (bits.length / 15) * 15 := (Nat.div_mul_cancel (Nat.dvd_of_mod_eq_zero hn)).symm
    generalize hk' : bits.length / 15 = k at hk
    have himg := length_fmImage bits k
    have hlenimg : (fmImage bits k).length = k + 1 := by simp [fmImage]
    constructor
    · rintro ⟨ws, hws, hvalid, hprod⟩
      have hlen : bits.length = ws.length * 15 := by rw [← hws, Code.length_word]; rfl
      have hkw : k = ws.length := by omega
      have hblock : ∀ i < k, block bits 15 i = code.enc (ws.getD i []) := by
        intro i hi; rw [← hws]; exact Code.block_word code ws [] (by omega)
      refine ⟨ws.map (·, false) ++ [(one, true)], ?_, ws, [one], rfl, ?_, ?_⟩
      · rw [Code.word_eq, fmImage, List.map_append, List.map_map, List.map_cons, List.map_nil]
        congr 2
        rw [map_eq_map_range ws _ [], ← hkw]
        apply List.map_congr_left
        intro i hi
        simp only [Function.comp]
        rw [hblock i (List.mem_range.mp hi)]
        rfl
      · intro p hp
        rcases List.mem_append.mp hp with hp | hp
        · exact hvalid p hp
        · rw [List.mem_singleton.mp hp]; exact isPerm_one
      · exact (fixedMembership_neutral ws fun p hp => length_of_isPerm (hvalid p hp)).mpr hprod
    · rintro ⟨word, hword, u, v, hsplit, hvalid, hfm⟩
      have hwlen : word.length = k + 1 := by
        have := congrArg List.length hword
        rw [Code.length_word, List.length_flatten, List.map_congr_left himg, sum_map_const,
          hlenimg] at this
        exact Nat.eq_of_mul_eq_mul_right (by decide : 0 < 16) this
      have hblk : ∀ i < k + 1, fmCode.enc (word.getD i ([], false)) = (fmImage bits k).getD i [] := by
        intro i hi
        rw [← Code.block_word fmCode word ([], false) (by omega), hword,
          show fmCode.width = 16 from rfl, block_flatten himg, if_pos (by omega)]
      have himg_lt : ∀ i < k, (fmImage bits k).getD i [] = block bits 15 i ++ [false] := by
        intro i hi
        rw [fmImage, getD_append_left _ _ _ _ (by simpa using hi), getD_map_range _ hi]
      have himg_k : (fmImage bits k).getD k [] = code.enc one ++ [true] := by
        rw [fmImage, getD_append_of_eq (l₁ := (List.range k).map fun i => block bits 15 i ++ [false]) (by simp)]
        rfl
      have hlens : u.length + v.length = k + 1 := by
        rw [← hwlen, hsplit, List.length_append, List.length_map, List.length_map]
      have hu_get : ∀ i < u.length, word.getD i ([], false) = (u.getD i [], false) := by
        intro i hi
        rw [hsplit, getD_append_left _ _ _ _ (by simpa using hi),
          getD_map_of_lt (·, false) u i hi _ []]
      have hv_get : ∀ i < v.length, word.getD (u.length + i) ([], false) = (v.getD i [], true) := by
        intro i hi
        rw [hsplit, getD_append_right_of_eq (l₁ := u.map (·, false)) (m := u.length) (List.length_map ..),
          getD_map_of_lt (·, true) v i hi _ []]
      have hv : v ≠ [] := hfm.1
      have hvpos : 0 < v.length := List.length_pos_iff.mpr hv
      have hu : u.length = k := by
        rcases Nat.lt_or_ge u.length k with hlt | hge
        · exfalso
          have h1 := hblk u.length (by omega)
          rw [show u.length = u.length + 0 from rfl, hv_get 0 hvpos, Nat.add_zero, himg_lt _ hlt] at h1
          have := (List.append_inj' h1 rfl).2
          simp at this
        · omega
      have hv1 : v.length = 1 := by omega
      have hvone : v.getD 0 [] = one := by
        have h1 := hblk k (by omega)
        rw [himg_k, show k = u.length + 0 by omega, hv_get 0 hvpos] at h1
        have h2 := (List.append_inj' h1 rfl).1
        have hp : isPerm (v.getD 0 []) = true := by
          apply hvalid
          rw [List.mem_append]; right
          exact getD_mem [] hvpos
        exact enc_injective hp isPerm_one h2
      have hvlist : v = [one] := by
        match v, hv1 with
        | [p], _ => simp only [List.getD_cons_zero] at hvone; rw [hvone]
      have hblocks : ∀ i < k, block bits 15 i = code.enc ((fun i => u.getD i []) i) := by
        intro i hi
        have h1 := hblk i (by omega)
        rw [hu_get i (by omega), himg_lt i hi] at h1
        exact ((List.append_inj' h1 rfl).1).symm
      have hbits := Code.eq_word_of_blocks code bits k (fun i => u.getD i []) hk hblocks
      rw [← hu, map_range_getD rfl] at hbits
      refine ⟨u, hbits.symm, fun p hp => hvalid p (List.mem_append_left _ hp), ?_⟩
      rw [hvlist] at hfm
      exact (fixedMembership_neutral u fun p hp => length_of_isPerm
        (hvalid p (List.mem_append_left _ hp))).mp hfm
  · rename_i hn
    constructor
    · rintro ⟨ws, hws, _⟩
      have : bits.length = ws.length * 15 := by rw [← hws, Code.length_word]; rfl
      omega
    · rintro ⟨word, hword, u, v, hsplit, _, hfm⟩
      obtain ⟨p, hp⟩ : ∃ p, p ∈ v := List.exists_mem_of_ne_nil _ hfm.1
      have hmem : (p, true) ∈ word := by
        rw [hsplit]; exact List.mem_append_right _ (List.mem_map_of_mem hp)
      have := Code.mem_word_of_mem fmCode hmem (b := true) (by simp [fmCode])
      rw [hword] at this
      simp at this

end S5

end TC0
