module

public import TC0.Complexity

/-!
# Permutations of five points, Barrington's commutator, the S5 word problem

A permutation is the list of the images of `0, …, 4` (`[1, 2, 3, 4, 0]` is the cycle
`(0 1 2 3 4)`); products are read left to right, as the workbench's permutation programs run
(`mul p q` applies `p` first). Facts about concrete permutations are proved by `decide`; on lists
of length 5 `mul` is associative with `one` as identity (`mul_assoc`, `one_mul`, `mul_one`), so
the product of a word is multiplicative (`prod_append`).

The S5 word problem (is the product of a word of permutations the identity?) is a `Language`
through a 15-bit code per letter (three bits per image, `code`); `decode` reads a 15-bit block
back (`decode_enc`, `enc_decode`). Its NC1-hardness (Barrington 1989) is a cited fact: theorems
take it as a hypothesis.
-/

@[expose] public noncomputable section

namespace TC0

/-! ## Codes: words of fixed-width blocks -/

theorem Code.word_eq {α : Type} (c : Code α) (w : List α) : c.word w = (w.map c.enc).flatten := by
  induction w with
  | nil => rfl
  | cons a w ih => rw [Code.word, ih]; rfl

theorem Code.length_word {α : Type} (c : Code α) (w : List α) : (c.word w).length = w.length * c.width := by
  induction w with
  | nil => simp [Code.word]
  | cons a w ih => rw [Code.word, List.length_append, c.enc_length, ih, List.length_cons, Nat.succ_mul]; omega

/-- Block `i` of `a` bits of a bit string (false past the end). -/
def block (l : List Bool) (a i : Nat) : List Bool := (List.range a).map fun b => l.getD (a * i + b) false

theorem getD_block {l : List Bool} {a i b : Nat} (hb : b < a) :
    (block l a i).getD b false = l.getD (a * i + b) false := by
  simp [block, List.getD_eq_getElem?_getD, List.getElem?_map, List.getElem?_range hb]

theorem block_flatten {L : List (List Bool)} {a : Nat} (h : ∀ v ∈ L, v.length = a) (i : Nat) :
    block L.flatten a i = if i < L.length then L.getD i [] else List.replicate a false := by
  unfold block
  split
  · rename_i hi
    have hmem : L.getD i [] ∈ L := getD_mem [] hi
    conv => rhs; rw [← map_range_getD (d := false) (h _ hmem)]
    apply List.map_congr_left
    intro b hb
    rw [Nat.mul_comm, getD_flatten_uniform a false L h i b (List.mem_range.mp hb)]
  · rename_i hi
    rw [List.eq_replicate_iff]
    refine ⟨by simp, ?_⟩
    intro x hx
    obtain ⟨b, hb, rfl⟩ := List.mem_map.mp hx
    rw [Nat.mul_comm, getD_flatten_uniform a false L h i b (List.mem_range.mp hb),
      getD_of_length_le L i [] (by omega)]
    rfl

/-- Block `i` of a code word is the code of letter `i`. -/
theorem Code.block_word {α : Type} (c : Code α) (w : List α) (d : α) {i : Nat} (hi : i < w.length) :
    block (c.word w) c.width i = c.enc (w.getD i d) := by
  rw [Code.word_eq, block_flatten (fun v hv => by obtain ⟨a, _, rfl⟩ := List.mem_map.mp hv; exact c.enc_length a),
    if_pos (by simpa using hi), List.getD_eq_getElem?_getD, List.getD_eq_getElem?_getD, List.getElem?_map,
    List.getElem?_eq_getElem hi]
  rfl

/-- A bit string whose blocks are the codes of letters is the code word of those letters. -/
theorem Code.eq_word_of_blocks {α : Type} (c : Code α) (l : List Bool) (k : Nat) (f : Nat → α)
    (hlen : l.length = k * c.width) (h : ∀ i < k, block l c.width i = c.enc (f i)) :
    l = c.word ((List.range k).map f) := by
  apply ext_getD false (by rw [Code.length_word, hlen]; simp)
  intro j hj
  have hw : 0 < c.width := by
    rcases Nat.eq_zero_or_pos c.width with h0 | h0
    · rw [h0, Nat.mul_zero] at hlen; omega
    · exact h0
  have hi : j / c.width < k := (Nat.div_lt_iff_lt_mul hw).mpr (by omega)
  have hb : j % c.width < c.width := Nat.mod_lt _ hw
  have hj' : j = c.width * (j / c.width) + j % c.width := (Nat.div_add_mod j c.width).symm
  rw [hj', ← getD_block hb, ← getD_block hb, h _ hi,
    Code.block_word c _ (f 0) (by simpa using hi)]
  congr 2
  rw [getD_map' f (List.range k) _ 0, List.getD_eq_getElem?_getD, List.getElem?_range hi]
  rfl

theorem Code.word_append {α : Type} (c : Code α) (u v : List α) : c.word (u ++ v) = c.word u ++ c.word v := by
  rw [Code.word_eq, Code.word_eq, Code.word_eq, List.map_append, List.flatten_append]

theorem Code.word_flatten {α : Type} (c : Code α) :
    ∀ L : List (List α), c.word L.flatten = (L.map c.word).flatten
  | [] => rfl
  | x :: L => by rw [List.flatten_cons, Code.word_append, Code.word_flatten c L]; rfl

theorem Code.word_injective {α : Type} (c : Code α) (d : α) (hinj : ∀ a b, c.enc a = c.enc b → a = b)
    (hw : 0 < c.width) {u v : List α} (h : c.word u = c.word v) : u = v := by
  have hlen : u.length = v.length := by
    have := congrArg List.length h
    rw [Code.length_word, Code.length_word] at this
    exact Nat.eq_of_mul_eq_mul_right hw this
  apply ext_getD d hlen
  intro i hi
  apply hinj
  rw [← Code.block_word c u d hi, ← Code.block_word c v d (hlen ▸ hi), h]

theorem Code.mem_word_of_mem {α : Type} (c : Code α) {w : List α} {a : α} (ha : a ∈ w) {b : Bool}
    (hb : b ∈ c.enc a) : b ∈ c.word w := by
  rw [Code.word_eq]
  exact List.mem_flatten.mpr ⟨c.enc a, List.mem_map_of_mem ha, hb⟩

end TC0

namespace TC0.S5

abbrev Perm := List Nat

def apply (p : Perm) (i : Nat) : Nat := p.getD i i
def one : Perm := [0, 1, 2, 3, 4]
/-- `p` first, then `q`. -/
def mul (p q : Perm) : Perm := one.map fun i => apply q (apply p i)
def inv (p : Perm) : Perm := one.map fun i => (one.find? fun j => apply p j == i).getD i
/-- `a b a⁻¹ b⁻¹`, read left to right. -/
def commutator (a b : Perm) : Perm := mul (mul (mul a b) (inv a)) (inv b)
/-- Five distinct images below 5. -/
def isPerm (p : Perm) : Bool := p.length == 5 && p.all (· < 5) && decide p.Nodup
/-- The orbit of 0 meets all five points: a 5-cycle. -/
def orbit (p : Perm) : List Nat := (List.range 5).map fun k => (List.range k).foldl (fun x _ => apply p x) 0
def isFiveCycle (p : Perm) : Bool := isPerm p && one.all fun i => (orbit p).contains i

/-- Barrington's key fact: the commutator of the 5-cycles (0 1 2 3 4) and (0 2 4 3 1) is a
5-cycle (so AND of two programs is their commutator). -/
theorem commutator_fiveCycle :
    isFiveCycle [1, 2, 3, 4, 0] = true ∧ isFiveCycle [2, 0, 4, 1, 3] = true ∧
      isFiveCycle (commutator [1, 2, 3, 4, 0] [2, 0, 4, 1, 3]) = true := by
  decide

theorem commutator_value : commutator [1, 2, 3, 4, 0] [2, 0, 4, 1, 3] = [2, 4, 1, 0, 3] := by
  decide

/-- The product of a word, left to right. -/
def prod : List Perm → Perm
  | [] => one
  | p :: w => mul p (prod w)

/-! ## The group laws on lists of length 5 -/

theorem eq_five {p : Perm} (h : p.length = 5) : ∃ a b c d e, p = [a, b, c, d, e] := by
  match p, h with
  | [a, b, c, d, e], _ => exact ⟨a, b, c, d, e, rfl⟩

theorem length_mul (p q : Perm) : (mul p q).length = 5 := by simp [mul, one]

theorem length_one : one.length = 5 := rfl

theorem length_prod : ∀ w : List Perm, (prod w).length = 5
  | [] => rfl
  | _ :: _ => length_mul _ _

theorem apply_of_length {p : Perm} (h : p.length = 5) (i : Nat) (hi : 5 ≤ i) : apply p i = i := by
  unfold apply
  rw [List.getD_eq_getElem?_getD, List.getElem?_eq_none (by omega)]
  rfl

theorem apply_one (i : Nat) : apply one i = i := by
  by_cases hi : i < 5
  · match i, hi with
    | 0, _ | 1, _ | 2, _ | 3, _ | 4, _ => rfl
  · exact apply_of_length rfl i (by omega)

theorem apply_mul {p q : Perm} (hp : p.length = 5) (hq : q.length = 5) (i : Nat) :
    apply (mul p q) i = apply q (apply p i) := by
  by_cases hi : i < 5
  · match i, hi with
    | 0, _ | 1, _ | 2, _ | 3, _ | 4, _ => rfl
  · rw [apply_of_length (length_mul p q) i (by omega), apply_of_length hp i (by omega),
      apply_of_length hq i (by omega)]

theorem map_apply {p : Perm} (hp : p.length = 5) : one.map (apply p) = p := by
  obtain ⟨a, b, c, d, e, rfl⟩ := eq_five hp
  rfl

theorem mul_assoc {p q r : Perm} (hp : p.length = 5) (hq : q.length = 5) (hr : r.length = 5) :
    mul (mul p q) r = mul p (mul q r) := by
  show one.map (fun i => apply r (apply (mul p q) i)) = one.map (fun i => apply (mul q r) (apply p i))
  congr 1
  funext i
  rw [apply_mul hp hq, apply_mul hq hr]

theorem one_mul {p : Perm} (hp : p.length = 5) : mul one p = p := by
  show one.map (fun i => apply p (apply one i)) = p
  simp only [apply_one]
  exact map_apply hp

theorem mul_one {p : Perm} (hp : p.length = 5) : mul p one = p := by
  show one.map (fun i => apply one (apply p i)) = p
  simp only [apply_one]
  exact map_apply hp

theorem prod_append (u v : List Perm) (hu : ∀ p ∈ u, p.length = 5) :
    prod (u ++ v) = mul (prod u) (prod v) := by
  induction u with
  | nil => exact (one_mul (length_prod v)).symm
  | cons p u ih =>
    rw [List.cons_append, prod, prod, ih fun q hq => hu q (List.mem_cons_of_mem _ hq),
      mul_assoc (hu p (List.mem_cons_self ..)) (length_prod u) (length_prod v)]

theorem length_of_isPerm {p : Perm} (h : isPerm p = true) : p.length = 5 := by
  simp only [isPerm, Bool.and_eq_true, beq_iff_eq] at h
  exact h.1.1

/-! ## The code: three bits per image -/

/-- Three bits per image. -/
def code : Code Perm where
  width := 15
  enc p := (List.range 5).flatMap fun i => (List.range 3).map fun b => (apply p i).testBit b
  enc_length p := by simp; rfl

/-- The number with little-endian bits `b₀ b₁ b₂`. -/
def num3 (b₀ b₁ b₂ : Bool) : Nat := (if b₀ then 1 else 0) + (if b₁ then 2 else 0) + (if b₂ then 4 else 0)

/-- Reads five 3-bit images from a block of bits. -/
def decode (bits : List Bool) : Perm :=
  (List.range 5).map fun i => num3 (bits.getD (3 * i) false) (bits.getD (3 * i + 1) false) (bits.getD (3 * i + 2) false)

theorem num3_testBit (x : Nat) (hx : x < 8) : num3 (x.testBit 0) (x.testBit 1) (x.testBit 2) = x := by
  match x, hx with
  | 0, _ | 1, _ | 2, _ | 3, _ | 4, _ | 5, _ | 6, _ | 7, _ => rfl

theorem testBit_num3_zero (b₀ b₁ b₂ : Bool) : (num3 b₀ b₁ b₂).testBit 0 = b₀ := by
  cases b₀ <;> cases b₁ <;> cases b₂ <;> decide

theorem testBit_num3_one (b₀ b₁ b₂ : Bool) : (num3 b₀ b₁ b₂).testBit 1 = b₁ := by
  cases b₀ <;> cases b₁ <;> cases b₂ <;> decide

theorem testBit_num3_two (b₀ b₁ b₂ : Bool) : (num3 b₀ b₁ b₂).testBit 2 = b₂ := by
  cases b₀ <;> cases b₁ <;> cases b₂ <;> decide

/-- Decoding a code word gives the permutation back. -/
theorem decode_enc {p : Perm} (h : isPerm p = true) : decode (code.enc p) = p := by
  have hlen := length_of_isPerm h
  have hlt : ∀ x ∈ p, x < 5 := by
    simp only [isPerm, Bool.and_eq_true, List.all_eq_true, decide_eq_true_eq] at h
    exact h.1.2
  obtain ⟨a, b, c, d, e, rfl⟩ := eq_five hlen
  have ha := hlt a (by simp); have hb := hlt b (by simp); have hc := hlt c (by simp)
  have hd := hlt d (by simp); have he := hlt e (by simp)
  have hdec : decode (code.enc [a, b, c, d, e]) =
      [num3 (a.testBit 0) (a.testBit 1) (a.testBit 2), num3 (b.testBit 0) (b.testBit 1) (b.testBit 2),
        num3 (c.testBit 0) (c.testBit 1) (c.testBit 2), num3 (d.testBit 0) (d.testBit 1) (d.testBit 2),
        num3 (e.testBit 0) (e.testBit 1) (e.testBit 2)] := rfl
  rw [hdec, num3_testBit a (by omega), num3_testBit b (by omega), num3_testBit c (by omega),
    num3_testBit d (by omega), num3_testBit e (by omega)]

/-- A 15-bit block is the code of what it decodes to. -/
theorem enc_decode {bits : List Bool} (h : bits.length = 15) : code.enc (decode bits) = bits := by
  match bits, h with
  | [x₀, x₁, x₂, x₃, x₄, x₅, x₆, x₇, x₈, x₉, x₁₀, x₁₁, x₁₂, x₁₃, x₁₄], _ =>
    have henc : code.enc (decode [x₀, x₁, x₂, x₃, x₄, x₅, x₆, x₇, x₈, x₉, x₁₀, x₁₁, x₁₂, x₁₃, x₁₄]) =
        [(num3 x₀ x₁ x₂).testBit 0, (num3 x₀ x₁ x₂).testBit 1, (num3 x₀ x₁ x₂).testBit 2,
          (num3 x₃ x₄ x₅).testBit 0, (num3 x₃ x₄ x₅).testBit 1, (num3 x₃ x₄ x₅).testBit 2,
          (num3 x₆ x₇ x₈).testBit 0, (num3 x₆ x₇ x₈).testBit 1, (num3 x₆ x₇ x₈).testBit 2,
          (num3 x₉ x₁₀ x₁₁).testBit 0, (num3 x₉ x₁₀ x₁₁).testBit 1, (num3 x₉ x₁₀ x₁₁).testBit 2,
          (num3 x₁₂ x₁₃ x₁₄).testBit 0, (num3 x₁₂ x₁₃ x₁₄).testBit 1, (num3 x₁₂ x₁₃ x₁₄).testBit 2] := rfl
    rw [henc]
    simp only [testBit_num3_zero, testBit_num3_one, testBit_num3_two]

theorem enc_injective {p q : Perm} (hp : isPerm p = true) (hq : isPerm q = true)
    (h : code.enc p = code.enc q) : p = q := by
  rw [← decode_enc hp, ← decode_enc hq, h]

theorem isPerm_one : isPerm one = true := by decide

/-- The S5 word problem as a language of bit strings. -/
def wordProblem : Language := code.lang fun w => (∀ p ∈ w, isPerm p = true) ∧ prod w = one

end TC0.S5
