module

public import TC0.Compose

/-!
# Complexity classes, reductions, and the conditional impossibility theorem

Languages are sets of bit strings (`Language`); a problem over a finite alphabet is read through
a fixed-width binary code (`Code`). A `Family` has one well-formed circuit per input length; it
decides a language when its first output bit answers membership.

* `TC0`: constant depth, polynomial size, threshold gates of unbounded fan-in (any integer
  weights; the circuits of `TC0.Circuit`).
* `NC1`: logarithmic depth, polynomial size, fan-in at most 2 (a gate of fan-in 2 computes some
  Boolean function of two bits).
* `Reduction`: a constant-depth, polynomial-size threshold circuit family computing a map on bit
  strings with polynomially bounded output length (every AC0 reduction, under which the cited
  hardness results are stated, is one).
* `tc0_closed`: TC0 is closed under these reductions, proved with `seq` (`eval_seq`,
  `depth_seq_le`, `size_seq`, `wellFormed_seq`).
* `cannot_decide`: if every language a model family decides is in TC0, TC0 ⊆ NC1, and `L` is
  NC1-hard under reductions, then TC0 ≠ NC1 implies no member decides `L`. Every fact from the
  literature is a hypothesis of the theorem, none is an axiom; the report lists them.

Uniformity is not modelled here: the classes are the non-uniform ones. The theorem holds the
same way for uniform classes, with uniform hypotheses.
-/

@[expose] public noncomputable section

namespace TC0

/-- A language: a set of bit strings. -/
def Language : Type := List Bool → Prop

/-- A circuit per input length, each well formed and reading exactly `n` input bits. -/
structure Family where
  circ : Nat → Circuit
  wf : ∀ n, (circ n).WellFormed
  arity : ∀ n, (circ n).numInputs = n

/-- The family's answer on a word: the first output bit of the circuit for its length. -/
def Family.accepts (F : Family) (w : List Bool) : Prop :=
  outBit ((F.circ w.length).eval (outBit w)) 0 = true

def Family.Decides (F : Family) (L : Language) : Prop := ∀ w, F.accepts w ↔ L w

/-- Polynomially bounded: at most `(n + 2)^k` for some `k`. -/
def PolyBounded (f : Nat → Nat) : Prop := ∃ k, ∀ n, f n ≤ (n + 2) ^ k

def Family.ConstDepth (F : Family) : Prop := ∃ d, ∀ n, (F.circ n).depth ≤ d
def Family.LogDepth (F : Family) : Prop := ∃ a, ∀ n, (F.circ n).depth ≤ a * (Nat.log2 n + 1)
def Family.PolySize (F : Family) : Prop := PolyBounded fun n => (F.circ n).size
def Family.FanInAtMost (F : Family) (k : Nat) : Prop := ∀ n, ∀ g ∈ (F.circ n).gates, g.inputs.length ≤ k

def TC0 (L : Language) : Prop := ∃ F : Family, F.Decides L ∧ F.ConstDepth ∧ F.PolySize
def NC1 (L : Language) : Prop := ∃ F : Family, F.Decides L ∧ F.LogDepth ∧ F.PolySize ∧ F.FanInAtMost 2

/-- A map on bit strings computed by a constant-depth, polynomial-size threshold circuit family
whose output length depends only on the input length. -/
structure Reduction extends Family where
  len : Nat → Nat
  outLen : ∀ n, (circ n).outputs.length = len n
  constDepth : toFamily.ConstDepth
  polySize : toFamily.PolySize
  polyLen : PolyBounded len

def Reduction.apply (R : Reduction) (w : List Bool) : List Bool := (R.circ w.length).eval (outBit w)

def Reduces (L' L : Language) : Prop := ∃ R : Reduction, ∀ w, L' w ↔ L (R.apply w)

def NC1Hard (L : Language) : Prop := ∀ L', NC1 L' → Reduces L' L

/-! ## Polynomial bounds compose -/

theorem one_le_pow (n k : Nat) : 1 ≤ (n + 2) ^ k := Nat.pow_pos (by omega)

theorem add_two_le_pow (n j x : Nat) (hx : x ≤ (n + 2) ^ j) : x + 2 ≤ (n + 2) ^ (j + 2) := by
  have h1 := one_le_pow n j
  have h4 : 2 * 2 ≤ (n + 2) * (n + 2) := Nat.mul_le_mul (by omega) (by omega)
  have hm : (n + 2) ^ j * (2 * 2) ≤ (n + 2) ^ j * ((n + 2) * (n + 2)) := Nat.mul_le_mul_left _ h4
  rw [Nat.pow_add, Nat.pow_two]
  omega

theorem PolyBounded.comp {f g : Nat → Nat} (hf : PolyBounded f) (hg : PolyBounded g) :
    PolyBounded (fun n => g (f n)) := by
  obtain ⟨j, hj⟩ := hf
  obtain ⟨k, hk⟩ := hg
  refine ⟨(j + 2) * k, fun n => ?_⟩
  have h1 : f n + 2 ≤ (n + 2) ^ (j + 2) := add_two_le_pow n j (f n) (hj n)
  calc g (f n) ≤ (f n + 2) ^ k := hk (f n)
    _ ≤ ((n + 2) ^ (j + 2)) ^ k := Nat.pow_le_pow_left h1 k
    _ = (n + 2) ^ ((j + 2) * k) := (Nat.pow_mul _ _ _).symm

theorem PolyBounded.add {f g : Nat → Nat} (hf : PolyBounded f) (hg : PolyBounded g) :
    PolyBounded (fun n => f n + g n) := by
  obtain ⟨j, hj⟩ := hf
  obtain ⟨k, hk⟩ := hg
  refine ⟨j + k + 1, fun n => ?_⟩
  have h1 : (n + 2) ^ j ≤ (n + 2) ^ (j + k) := Nat.pow_le_pow_right (by omega) (by omega)
  have h2 : (n + 2) ^ k ≤ (n + 2) ^ (j + k) := Nat.pow_le_pow_right (by omega) (by omega)
  have h3 : (n + 2) ^ (j + k) * 2 ≤ (n + 2) ^ (j + k) * (n + 2) := Nat.mul_le_mul_left _ (by omega)
  have := hj n
  have := hk n
  show f n + g n ≤ _
  rw [Nat.pow_succ]
  omega

/-! ## Powers of `n + 2` -/

theorem le_pow_self (c n : Nat) : c ≤ (n + 2) ^ c :=
  Nat.le_trans (Nat.le_of_lt Nat.lt_two_pow_self) (Nat.pow_le_pow_left (by omega) c)

theorem pow_mono (n : Nat) {i j : Nat} (h : i ≤ j) : (n + 2) ^ i ≤ (n + 2) ^ j :=
  Nat.pow_le_pow_right (by omega) h

theorem add_le_pow {n a b i j : Nat} (ha : a ≤ (n + 2) ^ i) (hb : b ≤ (n + 2) ^ j) :
    a + b ≤ (n + 2) ^ (max i j + 1) := by
  have h₁ := Nat.le_trans ha (pow_mono n (Nat.le_max_left i j))
  have h₂ := Nat.le_trans hb (pow_mono n (Nat.le_max_right i j))
  have h₃ := Nat.mul_le_mul_left ((n + 2) ^ max i j) (show 2 ≤ n + 2 by omega)
  rw [Nat.pow_succ]
  omega

theorem mul_le_pow {n a b i j : Nat} (ha : a ≤ (n + 2) ^ i) (hb : b ≤ (n + 2) ^ j) :
    a * b ≤ (n + 2) ^ (i + j) := by
  rw [Nat.pow_add]; exact Nat.mul_le_mul ha hb

theorem sum_le_pow {α : Type} (n : Nat) (f g : α → Nat) :
    ∀ l : List α, (∀ a ∈ l, f a ≤ (n + 2) ^ g a) → (l.map f).sum ≤ (n + 2) ^ ((l.map g).sum + l.length)
  | [], _ => by simp
  | a :: l, h => by
    have h₁ := h a (List.mem_cons_self ..)
    have h₂ := sum_le_pow n f g l fun b hb => h b (List.mem_cons_of_mem _ hb)
    have := add_le_pow h₁ h₂
    simp only [List.map_cons, List.sum_cons, List.length_cons]
    refine Nat.le_trans this (pow_mono n ?_)
    have := Nat.max_le.mpr ⟨Nat.le_add_right (g a) ((l.map g).sum + l.length),
      Nat.le_add_left ((l.map g).sum + l.length) (g a)⟩
    omega

/-! ## TC0 is closed under reductions -/

/-- The decider for `L'`: the reduction's circuit, then the decider for `L` at the output length. -/
def Family.after (F : Family) (R : Reduction) : Family where
  circ n := seq (R.circ n) (F.circ (R.len n))
  wf n := wellFormed_seq _ _ (R.wf n) (F.wf _) (by rw [F.arity, R.outLen])
  arity n := by simp only [seq]; exact R.arity n

theorem tc0_closed {L L' : Language} (hL : TC0 L) (hred : Reduces L' L) : TC0 L' := by
  obtain ⟨F, hdec, ⟨d, hd⟩, hsize⟩ := hL
  obtain ⟨R, hR⟩ := hred
  obtain ⟨dR, hdR⟩ := R.constDepth
  refine ⟨F.after R, ?_, ⟨dR + d, fun n => ?_⟩, ?_⟩
  · intro w
    have hlen : (R.apply w).length = R.len w.length := by
      simp only [Reduction.apply, length_eval, R.outLen]
    have harity : (F.circ (R.len w.length)).numInputs = (R.circ w.length).outputs.length := by
      rw [F.arity, R.outLen]
    have heval := eval_seq (R.circ w.length) (F.circ (R.len w.length)) (R.wf _) (F.wf _) harity (outBit w)
    rw [hR w, ← hdec (R.apply w)]
    simp only [Family.accepts, Family.after, heval, hlen]
    rfl
  · have h := depth_seq_le (R.circ n) (F.circ (R.len n)) (R.wf n) (F.wf _) (by rw [F.arity, R.outLen])
    have := hdR n
    have := hd (R.len n)
    simp only [Family.after]
    omega
  · have hs : PolyBounded fun n => (R.circ n).size + (F.circ (R.len n)).size :=
      PolyBounded.add R.polySize (PolyBounded.comp R.polyLen hsize)
    obtain ⟨k, hk⟩ := hs
    exact ⟨k, fun n => by simp only [Family.after, size_seq]; exact hk n⟩

/-! ## Reductions compose -/

/-- `R₁` then `R₂`. -/
def Reduction.then (R₁ R₂ : Reduction) : Reduction where
  circ n := seq (R₁.circ n) (R₂.circ (R₁.len n))
  wf n := wellFormed_seq _ _ (R₁.wf n) (R₂.wf _) (by rw [R₂.arity, R₁.outLen])
  arity n := by simp only [seq]; exact R₁.arity n
  len n := R₂.len (R₁.len n)
  outLen n := by simp only [seq, List.length_map]; exact R₂.outLen _
  constDepth := by
    obtain ⟨d₁, h₁⟩ := R₁.constDepth
    obtain ⟨d₂, h₂⟩ := R₂.constDepth
    refine ⟨d₁ + d₂, fun n => ?_⟩
    have h := depth_seq_le (R₁.circ n) (R₂.circ (R₁.len n)) (R₁.wf n) (R₂.wf _) (by rw [R₂.arity, R₁.outLen])
    have := h₁ n
    have := h₂ (R₁.len n)
    show (seq (R₁.circ n) (R₂.circ (R₁.len n))).depth ≤ d₁ + d₂
    omega
  polySize := by
    obtain ⟨k, hk⟩ := PolyBounded.add R₁.polySize (PolyBounded.comp R₁.polyLen R₂.polySize)
    exact ⟨k, fun n => by show (seq (R₁.circ n) (R₂.circ (R₁.len n))).size ≤ _; rw [size_seq]; exact hk n⟩
  polyLen := PolyBounded.comp R₁.polyLen R₂.polyLen

theorem Reduction.then_apply (R₁ R₂ : Reduction) (w : List Bool) :
    (R₁.then R₂).apply w = R₂.apply (R₁.apply w) := by
  have hlen : ((R₁.circ w.length).eval (outBit w)).length = R₁.len w.length := by
    rw [length_eval, R₁.outLen]
  have heval := eval_seq (R₁.circ w.length) (R₂.circ (R₁.len w.length)) (R₁.wf _) (R₂.wf _)
    (by rw [R₂.arity, R₁.outLen]) (outBit w)
  simp only [Reduction.apply, Reduction.then, heval]
  rw [hlen]

theorem reduces_trans {A B C : Language} (hab : Reduces A B) (hbc : Reduces B C) : Reduces A C := by
  obtain ⟨R₁, h₁⟩ := hab
  obtain ⟨R₂, h₂⟩ := hbc
  exact ⟨R₁.then R₂, fun w => by rw [Reduction.then_apply, h₁ w, h₂ (R₁.apply w)]⟩

/-- Hardness transfers along a reduction. -/
theorem NC1Hard.of_reduces {S L : Language} (hS : NC1Hard S) (hred : Reduces S L) : NC1Hard L :=
  fun L' h => reduces_trans (hS L' h) hred

/-! ## The conditional impossibility theorem -/

/-- If every language decided by a member of a model family is in TC0 (`upper`), TC0 ⊆ NC1
(`incl`), and `L` is NC1-hard (`hard`), then TC0 ≠ NC1 (`sep`) implies no member decides `L`.
All four are hypotheses: the report lists them as the theorem's trust base. -/
theorem cannot_decide {M : Type} (decides : M → Language → Prop) (L : Language)
    (upper : ∀ T L', decides T L' → TC0 L')
    (incl : ∀ L', TC0 L' → NC1 L')
    (hard : NC1Hard L)
    (sep : TC0 ≠ NC1) :
    ∀ T, ¬ decides T L := by
  intro T hT
  apply sep
  funext L'
  exact propext ⟨incl L', fun h => tc0_closed (upper T L hT) (hard L' h)⟩

/-- The same, with the hardness of `L` obtained from a known NC1-hard problem `S` (e.g. the S5
word problem, Barrington) and a reduction from `S` to `L`. -/
theorem cannot_decide_via {M : Type} (decides : M → Language → Prop) (S L : Language)
    (upper : ∀ T L', decides T L' → TC0 L')
    (incl : ∀ L', TC0 L' → NC1 L')
    (hardS : NC1Hard S) (red : Reduces S L)
    (sep : TC0 ≠ NC1) :
    ∀ T, ¬ decides T L :=
  cannot_decide decides L upper incl (hardS.of_reduces red) sep

/-- A problem over a finite alphabet `α`, read through a code of `width` bits per letter: a bit
string is in the language when it is the code of a word in the problem. -/
structure Code (α : Type) where
  width : Nat
  enc : α → List Bool
  enc_length : ∀ a, (enc a).length = width

def Code.word {α : Type} (c : Code α) : List α → List Bool
  | [] => []
  | a :: w => c.enc a ++ c.word w

def Code.lang {α : Type} (c : Code α) (P : List α → Prop) : Language := fun bits => ∃ w, c.word w = bits ∧ P w

end TC0
