module

public import TC0.ClosureTable

/-!
# The closure problem of S5, and the reduction from the S5 word problem

The closure problem (issue 14, item 4; hard.closure): for the fixed generators
`a = (0 1 2 3 4)` and `b = (0 1)` of S5 (the TypeScript `GEN_A`, `GEN_B`), and `L₀` the
non-empty words over `{a, b}` with product 1, is a word in `L₀*`? `S5.closure` is this language
over a two-bit code per letter (`a = 10`, `b = 01`; `00` and `11` are no letter, so a bit string
that is no code word is not in the language). A star of "product 1" blocks is the same as
"product 1" (`star_iff`), which is the form the proofs use.

The reduction from the S5 word problem (`closureReduction`) maps each 15-bit block (a
permutation's code, `S5.code`) to a word of 15 letters over `{a, b}` with that permutation as its
product: a shortest word, padded with `a⁵` and `b²` (`table`, in `TC0/ClosureTable.lean`,
checked by `decide`). The circuit has depth 2: one threshold gate
`[block = code p]` per block and permutation (`eqGate`: weight `+1` on the code's 1-bits, `-1`
on its 0-bits, threshold the number of 1-bits), then per output bit an OR of the equality gates
whose padded word has that bit on (`orGate`). A block that is the code of no permutation matches
no gate and becomes the non-letter `00` (`image_invalid`); an input length that is not a
multiple of 15 maps to `00` as well. `reduces_closure` proves the reduction correct for every
input length; depth at most 2 (`depth_closureCircuit_le`), at most `10 n` gates
(`size_closureCircuit_le`).
-/

@[expose] public noncomputable section

namespace TC0.S5

/-! ## The language -/


/-- Two bits a letter: `a = 10`, `b = 01` (`00` and `11` are no letter). -/
def abCode : Code Letter where
  width := 2
  enc
    | .a => [true, false]
    | .b => [false, true]
  enc_length l := by cases l <;> rfl

/-- `L₀`: the non-empty words with product 1. -/
def unitBlock (w : List Letter) : Prop := w ≠ [] ∧ value w = one

/-- The Kleene star of a set of words: concatenations of words of `L`. -/
inductive Star {α : Type} (L : List α → Prop) : List α → Prop
  | nil : Star L []
  | cons {u v : List α} : L u → Star L v → Star L (u ++ v)

/-- The closure problem of S5 as a language of bit strings: the codes of the words in `L₀*`. -/
def closure : Language := abCode.lang (Star unitBlock)

theorem length_gen (l : Letter) : (gen l).length = 5 := by cases l <;> rfl

theorem value_append (u v : List Letter) : value (u ++ v) = mul (value u) (value v) := by
  unfold value
  rw [List.map_append, prod_append _ _ fun p hp => by
    obtain ⟨l, _, rfl⟩ := List.mem_map.mp hp
    exact length_gen l]

theorem value_flatten : ∀ L : List (List Letter), value L.flatten = prod (L.map value)
  | [] => rfl
  | w :: L => by rw [List.flatten_cons, value_append, value_flatten L]; rfl

/-- A star of "product 1" blocks is "product 1". -/
theorem star_iff (w : List Letter) : Star unitBlock w ↔ value w = one := by
  constructor
  · intro h
    induction h with
    | nil => rfl
    | cons hu _ ih => rw [value_append, hu.2, ih]; rfl
  · intro h
    by_cases hw : w = []
    · subst hw; exact Star.nil
    · have := Star.cons (L := unitBlock) ⟨hw, h⟩ Star.nil
      rwa [List.append_nil] at this

theorem closure_iff (bits : List Bool) : closure bits ↔ ∃ w, abCode.word w = bits ∧ value w = one := by
  unfold closure Code.lang
  constructor
  · rintro ⟨w, hw, hs⟩; exact ⟨w, hw, (star_iff w).mp hs⟩
  · rintro ⟨w, hw, hs⟩; exact ⟨w, hw, (star_iff w).mpr hs⟩


theorem table_entry {t : Nat} (ht : t < 120) :
    isPerm (perm t) = true ∧ (padWord t).length = 15 ∧ value (padWord t) = perm t := by
  have hmem : table.getD t ([], []) ∈ table := getD_mem _ (by rw [length_table]; exact ht)
  have h := List.all_eq_true.mp table_spec _ hmem
  simp only [Bool.and_eq_true, beq_iff_eq] at h
  exact ⟨h.1.1, h.1.2, h.2⟩

theorem perm_idx {p : Perm} (hp : isPerm p = true) : perm (idx p) = p := by
  have hlt : ∀ x ∈ p, x < 5 := by
    simp only [isPerm, Bool.and_eq_true, List.all_eq_true, decide_eq_true_eq] at hp
    exact hp.1.2
  obtain ⟨a, b, c, d, e, rfl⟩ := eq_five (length_of_isPerm hp)
  have hall := perm_idx_all
  simp only [List.all_eq_true, List.mem_range] at hall
  have h := hall a (hlt a (by simp)) b (hlt b (by simp)) c (hlt c (by simp)) d (hlt d (by simp))
    e (hlt e (by simp))
  rw [hp] at h
  simpa using h

theorem idx_lt {p : Perm} (hp : isPerm p = true) : idx p < 120 := by
  apply Classical.byContradiction
  intro h
  have h1 := perm_idx hp
  have h2 : perm (idx p) = [] := by
    unfold perm
    rw [getD_of_length_le _ _ _ (by rw [length_table]; omega)]
  rw [h2] at h1
  have := length_of_isPerm hp
  rw [← h1] at this
  simp at this

/-- The padded word of a permutation, as bits. -/
def padBits (t : Nat) : List Bool := abCode.word (padWord t)

theorem length_padBits {t : Nat} (ht : t < 120) : (padBits t).length = 30 := by
  rw [padBits, Code.length_word, (table_entry ht).2.1]; rfl

/-! ## Sums of weights -/

theorem forall_lt_succ {P : Nat → Prop} {m : Nat} : (∀ b < m + 1, P b) ↔ (∀ b < m, P b) ∧ P m :=
  ⟨fun h => ⟨fun b hb => h b (by omega), h m (by omega)⟩,
    fun ⟨h, hm⟩ b hb => if hbm : b < m then h b hbm else by rw [show b = m by omega]; exact hm⟩

theorem sumInt_append (l₁ l₂ : List Int) : (l₁ ++ l₂).sum = l₁.sum + l₂.sum := by
  induction l₁ with
  | nil => simp
  | cons a l ih => simp only [List.cons_append, List.sum_cons, ih]; omega

theorem sum_range_succ (f : Nat → Int) (m : Nat) :
    ((List.range (m + 1)).map f).sum = ((List.range m).map f).sum + f m := by
  rw [List.range_succ, List.map_append, sumInt_append]
  simp

theorem eqTerm (a c : Bool) :
    (if a then (if c then (1 : Int) else -1) else 0) ≤ (if c then (1 : Int) else 0) ∧
      ((if c then (1 : Int) else 0) ≤ (if a then (if c then (1 : Int) else -1) else 0) ↔ a = c) := by
  cases a <;> cases c <;> decide

/-- The weighted sum of an equality gate: at most the number of 1-bits of `v`, and equal to it
exactly when `u` agrees with `v` on the first `m` bits. -/
theorem eqSum (u v : Nat → Bool) : ∀ m : Nat,
    ((List.range m).map fun b => if u b then (if v b then (1 : Int) else -1) else 0).sum ≤
        ((List.range m).map fun b => if v b then (1 : Int) else 0).sum ∧
      (((List.range m).map fun b => if v b then (1 : Int) else 0).sum ≤
        ((List.range m).map fun b => if u b then (if v b then (1 : Int) else -1) else 0).sum ↔
        ∀ b < m, u b = v b)
  | 0 => by simp
  | m + 1 => by
    obtain ⟨h₁, h₂⟩ := eqSum u v m
    obtain ⟨t₁, t₂⟩ := eqTerm (u m) (v m)
    rw [sum_range_succ, sum_range_succ, forall_lt_succ]
    dsimp only
    refine ⟨by omega, ⟨fun h => ⟨h₂.mp (by omega), t₂.mp (by omega)⟩, fun ⟨h, hm⟩ => ?_⟩⟩
    have := h₂.mpr h
    have := t₂.mpr hm
    omega

theorem orTerm (a c : Bool) :
    0 ≤ (if a then (if c then (1 : Int) else 0) else 0) ∧ (if a then (if c then (1 : Int) else 0) else 0) ≤ 1 ∧
      (1 ≤ (if a then (if c then (1 : Int) else 0) else 0) ↔ (a && c) = true) := by
  cases a <;> cases c <;> decide

/-- The weighted sum of an OR gate with weights 0 and 1 is at least 1 exactly when some bit is on
with weight 1. -/
theorem orSum (u v : Nat → Bool) : ∀ m : Nat,
    0 ≤ ((List.range m).map fun t => if u t then (if v t then (1 : Int) else 0) else 0).sum ∧
      (1 ≤ ((List.range m).map fun t => if u t then (if v t then (1 : Int) else 0) else 0).sum ↔
        ((List.range m).any fun t => u t && v t) = true)
  | 0 => by simp
  | m + 1 => by
    obtain ⟨h₁, h₂⟩ := orSum u v m
    obtain ⟨t₁, t₂, t₃⟩ := orTerm (u m) (v m)
    rw [sum_range_succ, List.range_succ, List.any_append]
    simp only [List.any_cons, List.any_nil, Bool.or_false, Bool.or_eq_true]
    refine ⟨by omega, ⟨fun h => ?_, fun h => ?_⟩⟩
    · by_cases hs : 1 ≤ ((List.range m).map fun t => if u t then (if v t then (1 : Int) else 0) else 0).sum
      · exact Or.inl (h₂.mp hs)
      · exact Or.inr (t₃.mp (by omega))
    · rcases h with h | h
      · have := h₂.mpr h; omega
      · have := t₃.mpr h; omega

/-! ## The circuit -/

/-- A circuit on `n` inputs with the one gate `g`, which is its output. -/
def single (n : Nat) (g : Gate) : Circuit := ⟨n, [g], [2 + n]⟩

theorem eval_single (n : Nat) (g : Gate) (x : Nat → Bool) : (single n g).eval x = [g.eval (inputEnv x)] := by
  simp [single, Circuit.eval, Circuit.values, run, Circuit.base]

theorem wellFormed_single {n : Nat} {g : Gate} (h : ∀ p ∈ g.inputs, p.1 < 2 + n) : (single n g).WellFormed :=
  ⟨⟨h, trivial⟩, fun w hw => by simp [single, Circuit.base] at hw ⊢; omega⟩

theorem depth_single_le (n : Nat) (g : Gate) : (single n g).depth ≤ 1 := by
  have h : (single n g).depths (2 + n) = Gate.depth g (fun _ => 0) := by
    simp [single, Circuit.depths, run, Circuit.base]
  have h0 : Gate.depth g (fun _ => 0) = 1 := by
    unfold Gate.depth
    rw [maxList_eq_zero fun a ha => by obtain ⟨_, _, rfl⟩ := List.mem_map.mp ha; rfl]
  unfold Circuit.depth
  apply maxList_le
  intro a ha
  simp only [single, List.map_cons, List.map_nil, List.mem_singleton] at ha
  rw [ha]
  show (single n g).depths (2 + n) ≤ 1
  rw [h, h0]
  exact Nat.le_refl 1

theorem size_single (n : Nat) (g : Gate) : (single n g).size = 1 := rfl

theorem outputs_length_single (n : Nat) (g : Gate) : (single n g).outputs.length = 1 := rfl

theorem sum_outputs_single {α : Type} (n : Nat) (G : α → Gate) :
    ∀ l : List α, (l.map ((fun c : Circuit => c.outputs.length) ∘ fun a => single n (G a))).sum = l.length
  | [] => rfl
  | a :: l => by
    rw [List.map_cons, List.sum_cons, sum_outputs_single n G l, List.length_cons]
    show 1 + l.length = l.length + 1
    omega

theorem sum_size_single {α : Type} (n : Nat) (G : α → Gate) :
    ∀ l : List α, (l.map (Circuit.size ∘ fun a => single n (G a))).sum = l.length
  | [] => rfl
  | a :: l => by
    rw [List.map_cons, List.sum_cons, sum_size_single n G l, List.length_cons]
    show 1 + l.length = l.length + 1
    omega

theorem flatten_map_singleton {α : Type} (f : Nat → α) (l : List Nat) : (l.map fun t => [f t]).flatten = l.map f := by
  induction l with
  | nil => rfl
  | cons a l ih => simp only [List.map_cons, List.flatten_cons, ih]; rfl

/-- `[bits 15 i … 15 i + 14 of the input = code p]`. -/
def eqGate (i : Nat) (p : Perm) : Gate :=
  ⟨(List.range 15).map fun b => (2 + (15 * i + b), if (code.enc p).getD b false then 1 else -1),
    ((List.range 15).map fun b => if (code.enc p).getD b false then (1 : Int) else 0).sum⟩

theorem eval_eqGate (i : Nat) (p : Perm) (x : Nat → Bool) :
    (eqGate i p).eval (inputEnv x) = decide ((List.range 15).map (fun b => x (15 * i + b)) = code.enc p) := by
  have hsum : (eqGate i p).weightedSum (inputEnv x) =
      ((List.range 15).map fun b => if x (15 * i + b) then (if (code.enc p).getD b false then (1 : Int) else -1) else 0).sum := by
    simp only [Gate.weightedSum, eqGate, List.map_map]
    congr 1
    apply List.map_congr_left
    intro b _
    simp only [Function.comp, inputEnv_two_add]
  have hiff : ((List.range 15).map fun b => if (code.enc p).getD b false then (1 : Int) else 0).sum ≤
      ((List.range 15).map fun b => if x (15 * i + b) then (if (code.enc p).getD b false then (1 : Int) else -1) else 0).sum ↔
      (List.range 15).map (fun b => x (15 * i + b)) = code.enc p := by
    rw [(eqSum (fun b => x (15 * i + b)) (fun b => (code.enc p).getD b false) 15).2]
    constructor
    · intro h
      rw [← map_range_getD (d := false) (code.enc_length p)]
      exact List.map_congr_left fun b hb => h b (List.mem_range.mp hb)
    · intro h b hb
      rw [← h, getD_map_range _ hb]
  unfold Gate.eval
  rw [hsum]
  exact decide_eq_decide.mpr hiff

/-- OR of the equality gates of block `i` whose padded word has bit `j` on (it reads the outputs
of the first layer, `120 i + t` for entry `t`). -/
def orGate (i j : Nat) : Gate :=
  ⟨(List.range 120).map fun t => (2 + (i * 120 + t), if (padBits t).getD j false then 1 else 0), 1⟩

theorem eval_orGate (i j : Nat) (y : Nat → Bool) :
    (orGate i j).eval (inputEnv y) = (List.range 120).any fun t => y (i * 120 + t) && (padBits t).getD j false := by
  have hsum : (orGate i j).weightedSum (inputEnv y) =
      ((List.range 120).map fun t => if y (i * 120 + t) then (if (padBits t).getD j false then (1 : Int) else 0) else 0).sum := by
    simp only [Gate.weightedSum, orGate, List.map_map]
    congr 1
    apply List.map_congr_left
    intro b _
    simp only [Function.comp, inputEnv_two_add]
  unfold Gate.eval
  rw [hsum]
  have := (orSum (fun t => y (i * 120 + t)) (fun t => (padBits t).getD j false) 120).2
  simp only [orGate]
  exact Bool.eq_iff_iff.mpr (by rw [decide_eq_true_iff]; exact this)

/-- The first layer: for block `i < k` and entry `t < 120`, the gate `[block i = code (perm t)]`. -/
def eqLayer (n k : Nat) : Circuit :=
  parAll n ((List.range k).map fun i => parAll n ((List.range 120).map fun t => single n (eqGate i (perm t))))

/-- The second layer: for block `i < k`, the 30 bits of its image. -/
def orLayer (k : Nat) : Circuit :=
  parAll (120 * k) ((List.range k).map fun i =>
    parAll (120 * k) ((List.range 30).map fun j => single (120 * k) (orGate i j)))

theorem allOn_eq (n k : Nat) (hk : 15 * k ≤ n) (i : Nat) (hi : i < k) :
    AllOn n ((List.range 120).map fun t => single n (eqGate i (perm t))) := by
  intro c hc
  obtain ⟨t, _, rfl⟩ := List.mem_map.mp hc
  refine ⟨wellFormed_single fun q hq => ?_, rfl⟩
  obtain ⟨b, hb, rfl⟩ := List.mem_map.mp hq
  have := List.mem_range.mp hb
  show 2 + (15 * i + b) < 2 + n
  omega

theorem allOn_eqLayer (n k : Nat) (hk : 15 * k ≤ n) :
    AllOn n ((List.range k).map fun i => parAll n ((List.range 120).map fun t => single n (eqGate i (perm t)))) := by
  intro c hc
  obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hc
  exact wellFormed_parAll n _ (allOn_eq n k hk i (List.mem_range.mp hi))

theorem allOn_or (k i : Nat) (hi : i < k) :
    AllOn (120 * k) ((List.range 30).map fun j => single (120 * k) (orGate i j)) := by
  intro c hc
  obtain ⟨j, _, rfl⟩ := List.mem_map.mp hc
  refine ⟨wellFormed_single fun q hq => ?_, rfl⟩
  obtain ⟨t, ht, rfl⟩ := List.mem_map.mp hq
  have := List.mem_range.mp ht
  show 2 + (i * 120 + t) < 2 + 120 * k
  have : i * 120 + 120 ≤ 120 * k := by rw [Nat.mul_comm 120 k]; exact Nat.succ_mul i 120 ▸ Nat.mul_le_mul_right 120 hi
  omega

theorem allOn_orLayer (k : Nat) :
    AllOn (120 * k) ((List.range k).map fun i =>
      parAll (120 * k) ((List.range 30).map fun j => single (120 * k) (orGate i j))) := by
  intro c hc
  obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hc
  exact wellFormed_parAll _ _ (allOn_or k i (List.mem_range.mp hi))

theorem eval_eqLayer (n k : Nat) (hk : 15 * k ≤ n) (x : Nat → Bool) :
    (eqLayer n k).eval x = ((List.range k).map fun i => (List.range 120).map fun t =>
      decide ((List.range 15).map (fun b => x (15 * i + b)) = code.enc (perm t))).flatten := by
  rw [eqLayer, eval_parAll n x _ (allOn_eqLayer n k hk), List.map_map]
  apply congrArg List.flatten
  apply List.map_congr_left
  intro i hi
  try simp only [Function.comp_apply]
  rw [eval_parAll n x _ (allOn_eq n k hk i (List.mem_range.mp hi)), List.map_map]
  simp only [Function.comp_def, eval_single, eval_eqGate]
  exact flatten_map_singleton _ _

theorem eval_orLayer (k : Nat) (y : Nat → Bool) :
    (orLayer k).eval y = ((List.range k).map fun i => (List.range 30).map fun j =>
      (List.range 120).any fun t => y (i * 120 + t) && (padBits t).getD j false).flatten := by
  rw [orLayer, eval_parAll _ y _ (allOn_orLayer k), List.map_map]
  apply congrArg List.flatten
  apply List.map_congr_left
  intro i hi
  try simp only [Function.comp_apply]
  rw [eval_parAll _ y _ (allOn_or k i (List.mem_range.mp hi)), List.map_map]
  simp only [Function.comp_def, eval_single, eval_orGate]
  exact flatten_map_singleton _ _

theorem outputs_length_eqLayer (n k : Nat) : (eqLayer n k).outputs.length = 120 * k := by
  rw [eqLayer, outputs_length_parAll, List.map_map]
  rw [List.map_congr_left (g := fun _ => 120) fun i _ => by
    simp only [Function.comp]
    rw [outputs_length_parAll, List.map_map, sum_outputs_single, List.length_range]]
  rw [sum_map_const, List.length_range, Nat.mul_comm]

theorem outputs_length_orLayer (k : Nat) : (orLayer k).outputs.length = 30 * k := by
  rw [orLayer, outputs_length_parAll, List.map_map]
  rw [List.map_congr_left (g := fun _ => 30) fun i _ => by
    simp only [Function.comp]
    rw [outputs_length_parAll, List.map_map, sum_outputs_single, List.length_range]]
  rw [sum_map_const, List.length_range, Nat.mul_comm]

theorem size_eqLayer (n k : Nat) : (eqLayer n k).size = 120 * k := by
  rw [eqLayer, size_parAll, List.map_map]
  rw [List.map_congr_left (g := fun _ => 120) fun i _ => by
    simp only [Function.comp]
    rw [size_parAll, List.map_map, sum_size_single, List.length_range]]
  rw [sum_map_const, List.length_range, Nat.mul_comm]

theorem size_orLayer (k : Nat) : (orLayer k).size = 30 * k := by
  rw [orLayer, size_parAll, List.map_map]
  rw [List.map_congr_left (g := fun _ => 30) fun i _ => by
    simp only [Function.comp]
    rw [size_parAll, List.map_map, sum_size_single, List.length_range]]
  rw [sum_map_const, List.length_range, Nat.mul_comm]

theorem wellFormed_eqLayer (n k : Nat) (hk : 15 * k ≤ n) : (eqLayer n k).WellFormed ∧ (eqLayer n k).numInputs = n :=
  wellFormed_parAll n _ (allOn_eqLayer n k hk)

theorem wellFormed_orLayer (k : Nat) : (orLayer k).WellFormed ∧ (orLayer k).numInputs = 120 * k :=
  wellFormed_parAll _ _ (allOn_orLayer k)

theorem depth_eqLayer_le (n k : Nat) (hk : 15 * k ≤ n) : (eqLayer n k).depth ≤ 1 :=
  depth_parAll_le n 1 _ (allOn_eqLayer n k hk) fun c hc => by
    obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hc
    exact depth_parAll_le n 1 _ (allOn_eq n k hk i (List.mem_range.mp hi)) fun d hd => by
      obtain ⟨t, _, rfl⟩ := List.mem_map.mp hd
      exact depth_single_le _ _

theorem depth_orLayer_le (k : Nat) : (orLayer k).depth ≤ 1 :=
  depth_parAll_le _ 1 _ (allOn_orLayer k) fun c hc => by
    obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hc
    exact depth_parAll_le _ 1 _ (allOn_or k i (List.mem_range.mp hi)) fun d hd => by
      obtain ⟨j, _, rfl⟩ := List.mem_map.mp hd
      exact depth_single_le _ _

/-- The reduction's circuit at input length `n`: the two layers when `n` is a multiple of 15,
else the non-letter `00`. -/
def closureCircuit (n : Nat) : Circuit :=
  if n % 15 = 0 then seq (eqLayer n (n / 15)) (orLayer (n / 15)) else wires n [0, 0]

/-- The output length: 30 bits (15 letters) per block, else 2. -/
def closureLen (n : Nat) : Nat := if n % 15 = 0 then 30 * (n / 15) else 2

theorem hk_of (n : Nat) : 15 * (n / 15) ≤ n := Nat.mul_div_le n 15

theorem harity (n : Nat) : (orLayer (n / 15)).numInputs = (eqLayer n (n / 15)).outputs.length := by
  rw [(wellFormed_orLayer _).2, outputs_length_eqLayer]

theorem wellFormed_closureCircuit (n : Nat) : (closureCircuit n).WellFormed := by
  unfold closureCircuit
  split
  · exact wellFormed_seq _ _ (wellFormed_eqLayer n _ (hk_of n)).1 (wellFormed_orLayer _).1 (harity n)
  · exact wellFormed_wires fun w hw => by simp at hw; omega

theorem numInputs_closureCircuit (n : Nat) : (closureCircuit n).numInputs = n := by
  unfold closureCircuit
  split
  · exact (wellFormed_eqLayer n _ (hk_of n)).2
  · rfl

theorem outputs_length_closureCircuit (n : Nat) : (closureCircuit n).outputs.length = closureLen n := by
  unfold closureCircuit closureLen
  split
  · simp only [seq, List.length_map]; exact outputs_length_orLayer _
  · rfl

/-- Depth at most 2. -/
theorem depth_closureCircuit_le (n : Nat) : (closureCircuit n).depth ≤ 2 := by
  unfold closureCircuit
  split
  · have := depth_seq_le _ _ (wellFormed_eqLayer n _ (hk_of n)).1 (wellFormed_orLayer _).1 (harity n)
    have := depth_eqLayer_le n _ (hk_of n)
    have := depth_orLayer_le (n / 15)
    omega
  · rw [depth_wires]; omega

/-- At most `10 n` gates (150 per block of 15 input bits). -/
theorem size_closureCircuit_le (n : Nat) : (closureCircuit n).size ≤ 10 * n := by
  unfold closureCircuit
  split
  · rw [size_seq, size_eqLayer, size_orLayer]
    have := hk_of n
    omega
  · rw [size_wires]; omega

/-- The reduction from the S5 word problem to the closure problem. -/
def closureReduction : Reduction where
  circ := closureCircuit
  wf := wellFormed_closureCircuit
  arity := numInputs_closureCircuit
  len := closureLen
  outLen := outputs_length_closureCircuit
  constDepth := ⟨2, depth_closureCircuit_le⟩
  polySize := ⟨10 + 1, fun n => by
    show (closureCircuit n).size ≤ _
    have h := mul_le_pow (le_pow_self 10 n) (show n ≤ (n + 2) ^ 1 by rw [Nat.pow_one]; omega)
    exact Nat.le_trans (size_closureCircuit_le n) h⟩
  polyLen := ⟨30 + 1, fun n => by
    have h := mul_le_pow (le_pow_self 30 n) (show n + 2 ≤ (n + 2) ^ 1 by rw [Nat.pow_one]; exact Nat.le_refl _)
    show closureLen n ≤ _
    refine Nat.le_trans ?_ h
    unfold closureLen
    split
    · have := Nat.div_le_self n 15
      omega
    · omega⟩

/-! ## What the circuit computes -/

/-- What the circuit makes of a 15-bit block: bit `j` is on when the block is the code of some
entry's permutation whose padded word has bit `j` on. -/
def image (blk : List Bool) : List Bool :=
  (List.range 30).map fun j => (List.range 120).any fun t => decide (blk = code.enc (perm t)) && (padBits t).getD j false

theorem apply_closureReduction (bits : List Bool) :
    closureReduction.apply bits = if bits.length % 15 = 0 then
      ((List.range (bits.length / 15)).map fun i => image (block bits 15 i)).flatten else [false, false] := by
  show (closureCircuit bits.length).eval (outBit bits) = _
  unfold closureCircuit
  split
  · rename_i hn
    rw [eval_seq _ _ (wellFormed_eqLayer _ _ (hk_of _)).1 (wellFormed_orLayer _).1 (harity _),
      eval_orLayer, eval_eqLayer _ _ (hk_of _)]
    congr 1
    apply List.map_congr_left
    intro i hi
    have hi' := List.mem_range.mp hi
    unfold image
    apply List.map_congr_left
    intro j _
    apply Bool.eq_iff_iff.mpr
    simp only [List.any_eq_true, List.mem_range, Bool.and_eq_true]
    have hget : ∀ t < 120, outBit (((List.range (bits.length / 15)).map fun i => (List.range 120).map fun t =>
        decide ((List.range 15).map (fun b => outBit bits (15 * i + b)) = code.enc (perm t))).flatten) (i * 120 + t) =
        decide (block bits 15 i = code.enc (perm t)) := by
      intro t ht
      unfold outBit
      rw [getD_flatten_uniform 120 false _ (fun v hv => by
          obtain ⟨_, _, rfl⟩ := List.mem_map.mp hv; simp) i t ht,
        getD_map_range _ hi', getD_map_range _ ht]
      rfl
    constructor
    · rintro ⟨t, ht, h₁, h₂⟩; exact ⟨t, ht, by rw [← hget t ht]; exact h₁, h₂⟩
    · rintro ⟨t, ht, h₁, h₂⟩; exact ⟨t, ht, by rw [hget t ht]; exact h₁, h₂⟩
  · rfl

/-- A permutation's code becomes its padded word. -/
theorem image_enc {p : Perm} (hp : isPerm p = true) : image (code.enc p) = padBits (idx p) := by
  have hlen := length_padBits (idx_lt hp)
  unfold image
  conv => rhs; rw [← map_range_getD (d := false) hlen]
  apply List.map_congr_left
  intro j _
  apply Bool.eq_iff_iff.mpr
  simp only [List.any_eq_true, List.mem_range, Bool.and_eq_true, decide_eq_true_eq]
  constructor
  · rintro ⟨t, ht, h₁, h₂⟩
    have hpt := enc_injective hp (table_entry ht).1 h₁
    rw [hpt, idx_perm t ht]
    exact h₂
  · intro h
    exact ⟨idx p, idx_lt hp, by rw [perm_idx hp], h⟩

/-- A block that is no permutation's code becomes 30 zeros. -/
theorem image_invalid {blk : List Bool} (h : ∀ t < 120, blk ≠ code.enc (perm t)) :
    image blk = List.replicate 30 false := by
  unfold image
  rw [List.eq_replicate_iff]
  refine ⟨by simp, fun x hx => ?_⟩
  obtain ⟨j, _, rfl⟩ := List.mem_map.mp hx
  apply Bool.eq_false_iff.mpr
  intro h'
  simp only [List.any_eq_true, List.mem_range, Bool.and_eq_true, decide_eq_true_eq] at h'
  obtain ⟨t, ht, h₁, _⟩ := h'
  exact h t ht h₁

theorem value_padWord {p : Perm} (hp : isPerm p = true) : value (padWord (idx p)) = p := by
  rw [(table_entry (idx_lt hp)).2.2, perm_idx hp]

theorem abCode_enc_injective (x y : Letter) (h : abCode.enc x = abCode.enc y) : x = y := by
  cases x <;> cases y <;> first | rfl | (simp [abCode] at h)

theorem abCode_enc_on (l : Letter) : (abCode.enc l).getD 0 false = true ∨ (abCode.enc l).getD 1 false = true := by
  cases l <;> simp [abCode]

/-! ## Correctness -/

/-- The S5 word problem reduces to the closure problem, for every input length. -/
theorem reduces_closure : Reduces wordProblem closure := by
  refine ⟨closureReduction, fun bits => ?_⟩
  rw [apply_closureReduction, closure_iff]
  split
  · rename_i hn
    have hk : bits.length = (bits.length / 15) * 15 := (Nat.div_mul_cancel (Nat.dvd_of_mod_eq_zero hn)).symm
    generalize bits.length / 15 = k at hk
    have himg : ∀ v ∈ (List.range k).map (fun i => image (block bits 15 i)), v.length = 30 := by
      intro v hv
      obtain ⟨_, _, rfl⟩ := List.mem_map.mp hv
      simp [image]
    constructor
    · rintro ⟨ws, hws, hvalid, hprod⟩
      have hlen : bits.length = ws.length * 15 := by rw [← hws, Code.length_word]; rfl
      have hkw : k = ws.length := by omega
      have hv : ∀ i < k, isPerm (ws.getD i []) = true := fun i hi =>
        hvalid (ws.getD i []) (getD_mem (l := ws) (i := i) [] (by omega))
      have himage : ∀ i < k, image (block bits 15 i) = abCode.word (padWord (idx (ws.getD i []))) := by
        intro i hi
        have hb : block bits 15 i = code.enc (ws.getD i []) := by
          rw [← hws]; exact Code.block_word code ws [] (i := i) (by omega)
        rw [hb]
        exact image_enc (hv i hi)
      refine ⟨((List.range k).map fun i => padWord (idx (ws.getD i []))).flatten, ?_, ?_⟩
      · rw [Code.word_flatten, List.map_map]
        apply congrArg List.flatten
        exact (List.map_congr_left fun i hi => himage i (List.mem_range.mp hi)).symm
      · rw [value_flatten, List.map_map]
        rw [List.map_congr_left (f := value ∘ fun i => padWord (idx (ws.getD i [])))
            (g := fun i => ws.getD i []) fun i hi => value_padWord (hv i (List.mem_range.mp hi)),
          hkw, map_range_getD rfl]
        exact hprod
    · rintro ⟨w, hw, hval⟩
      by_cases hall : ∀ i < k, ∃ t < 120, block bits 15 i = code.enc (perm t)
      · have hf : ∀ i < k, isPerm (decode (block bits 15 i)) = true ∧
            block bits 15 i = code.enc (decode (block bits 15 i)) := by
          intro i hi
          obtain ⟨t, ht, h⟩ := hall i hi
          rw [h, decode_enc (table_entry ht).1]
          exact ⟨(table_entry ht).1, rfl⟩
        have hbits := Code.eq_word_of_blocks code bits k (fun i => decode (block bits 15 i)) hk
          fun i hi => (hf i hi).2
        have himage : ∀ i < k, image (block bits 15 i) =
            abCode.word (padWord (idx (decode (block bits 15 i)))) := by
          intro i hi
          rw [(hf i hi).2, decode_enc (hf i hi).1]
          exact image_enc (hf i hi).1
        have hw' : w = ((List.range k).map fun i => padWord (idx (decode (block bits 15 i)))).flatten := by
          apply Code.word_injective abCode Letter.a abCode_enc_injective (by decide)
          rw [hw, Code.word_flatten, List.map_map]
          apply congrArg List.flatten
          exact List.map_congr_left fun i hi => himage i (List.mem_range.mp hi)
        refine ⟨(List.range k).map fun i => decode (block bits 15 i), hbits.symm, ?_, ?_⟩
        · intro p hp
          obtain ⟨i, hi, rfl⟩ := List.mem_map.mp hp
          exact (hf i (List.mem_range.mp hi)).1
        · rw [hw', value_flatten, List.map_map] at hval
          rw [← hval]
          apply congrArg prod
          exact (List.map_congr_left fun i hi => value_padWord (hf i (List.mem_range.mp hi)).1).symm
      · exfalso
        obtain ⟨i, hi, hbad⟩ : ∃ i, i < k ∧ ∀ t, t < 120 → block bits 15 i ≠ code.enc (perm t) := by
          apply Classical.byContradiction
          intro hno
          apply hall
          intro i hi
          apply Classical.byContradiction
          intro hno'
          exact hno ⟨i, hi, fun t ht heq => hno' ⟨t, ht, heq⟩⟩
        have hzero : ∀ b < 30, (((List.range k).map fun i => image (block bits 15 i)).flatten).getD (i * 30 + b) false = false := by
          intro b hb
          rw [getD_flatten_uniform 30 false _ himg i b hb, getD_map_range _ hi, image_invalid hbad]
          rcases getD_mem_or (List.replicate 30 false) b false with h | h
          · exact List.eq_of_mem_replicate h
          · exact h
        have hwlen : w.length = k * 15 := by
          have := congrArg List.length hw
          rw [Code.length_word, List.length_flatten, List.map_congr_left himg, sum_map_const] at this
          simp at this
          show w.length = k * 15
          have h2 : abCode.width = 2 := rfl
          rw [h2] at this
          omega
        have hletter := Code.block_word abCode w Letter.a (i := 15 * i) (by
          rw [hwlen]; have : 15 * i + 15 ≤ k * 15 := by rw [Nat.mul_comm k]; exact Nat.mul_le_mul_left 15 hi
          omega)
        rw [hw] at hletter
        have h0 := getD_block (l := ((List.range k).map fun i => image (block bits 15 i)).flatten) (a := 2)
          (i := 15 * i) (b := 0) (by decide)
        have h1 := getD_block (l := ((List.range k).map fun i => image (block bits 15 i)).flatten) (a := 2)
          (i := 15 * i) (b := 1) (by decide)
        rw [show (abCode.width) = 2 from rfl] at hletter
        rw [hletter, show 2 * (15 * i) + 0 = i * 30 + 0 by omega, hzero 0 (by decide)] at h0
        rw [hletter, show 2 * (15 * i) + 1 = i * 30 + 1 by omega, hzero 1 (by decide)] at h1
        rcases abCode_enc_on (w.getD (15 * i) Letter.a) with h | h
        · rw [h0] at h; exact Bool.false_ne_true h
        · rw [h1] at h; exact Bool.false_ne_true h
  · rename_i hn
    constructor
    · rintro ⟨ws, hws, _⟩
      have : bits.length = ws.length * 15 := by rw [← hws, Code.length_word]; rfl
      omega
    · rintro ⟨w, hw, _⟩
      match w, hw with
      | l :: w', hw =>
        rw [Code.word] at hw
        cases l <;> simp [abCode] at hw

end TC0.S5
