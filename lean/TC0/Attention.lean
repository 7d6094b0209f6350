module

public import TC0.Compose

/-!
# Depth of a (RoPE) tensor-attention layer and of an m-layer transformer

A layered construction is a chain of stage circuits, each fed the outputs of the one before
(`seq`). A stage may pass values it does not touch straight through (an output may name an input
wire, at depth 0), so values needed later (the score matrix `A` for both the row sums and the
weighted values) need no parallel composition.

* `chain_wellFormed_depth`: a linked chain is well formed and its depth is at most the sum of the
  stage depths. Proved from `wellFormed_seq` and `depth_seq_le` only.
* `layer_depth`, `rope_layer_depth`: the stages of the programs `tensor-attention` and
  `rope-tensor-attention` (`specs/*/*.arch.yaml`), bounded by
  the per-operation depths `d_mul`, `d_plus` (iterated addition), `d_exp`, `d_div` (and for RoPE
  `d_triag` for cos/sin, 0 when they are hard-wired constants); `layer_depth_std` is the paper's
  form with one `d_std` for every standard operation.
* `transformer_depth`: `g₀` then `m` pairs (attention, feed-forward part), each bounded by
  `d_attn`, `d_g`: depth at most `(m + 1) d_g + m d_attn` (the paper's L-T6).

Nothing here is an axiom: the per-stage bounds are hypotheses, discharged for concrete stages by
the measured circuits (the report instantiates the formulas with them).
-/

@[expose] public noncomputable section

namespace TC0

/-- `c` followed by each circuit of the list in turn. -/
def chain : Circuit → List Circuit → Circuit
  | c, [] => c
  | c, d :: ds => chain (seq c d) ds

/-- Every stage is well formed and takes as many inputs as the previous stage has outputs. -/
def Linked : Nat → List Circuit → Prop
  | _, [] => True
  | k, d :: ds => d.WellFormed ∧ d.numInputs = k ∧ Linked d.outputs.length ds

theorem outputs_length_seq (c₁ c₂ : Circuit) : (seq c₁ c₂).outputs.length = c₂.outputs.length := by
  simp [seq]

theorem chain_wellFormed_depth :
    ∀ (ds : List Circuit) (c : Circuit), c.WellFormed → Linked c.outputs.length ds →
      (chain c ds).WellFormed ∧ (chain c ds).depth ≤ c.depth + (ds.map Circuit.depth).sum := by
  intro ds
  induction ds with
  | nil => intro c hc _; exact ⟨hc, by simp [chain]⟩
  | cons d ds ih =>
    intro c hc hl
    obtain ⟨hd, hin, hrest⟩ := hl
    have hs := wellFormed_seq c d hc hd hin
    have hdep := depth_seq_le c d hc hd hin
    have ⟨hwf, hle⟩ := ih (seq c d) hs (by rw [outputs_length_seq]; exact hrest)
    refine ⟨hwf, ?_⟩
    simp only [chain, List.map_cons, List.sum_cons]
    omega

/-- The layer's longest path: projections (multiply, sum), keys `K1 colkron K2` (multiply),
scores (multiply, sum), scaling by `1/d` (multiply), `exp`, weighted values (multiply, sum) next
to the row sums, division. -/
def layerDepth (d_mul d_plus d_exp d_div : Nat) : Nat := 5 * d_mul + 3 * d_plus + d_exp + d_div

/-- RoPE adds the rotation of the keys (cos/sin at depth `d_triag`, then multiply and sum). -/
def ropeLayerDepth (d_mul d_plus d_exp d_div d_triag : Nat) : Nat :=
  layerDepth d_mul d_plus d_exp d_div + d_triag + d_mul + d_plus

theorem layer_depth (d_mul d_plus d_exp d_div : Nat)
    (projMul projSum keys scoreMul scoreSum scale expo valMul valSum divide : Circuit)
    (h₀ : projMul.WellFormed)
    (hl : Linked projMul.outputs.length [projSum, keys, scoreMul, scoreSum, scale, expo, valMul, valSum, divide])
    (h1 : projMul.depth ≤ d_mul) (h2 : projSum.depth ≤ d_plus) (h3 : keys.depth ≤ d_mul)
    (h4 : scoreMul.depth ≤ d_mul) (h5 : scoreSum.depth ≤ d_plus) (h6 : scale.depth ≤ d_mul)
    (h7 : expo.depth ≤ d_exp) (h8 : valMul.depth ≤ d_mul) (h9 : valSum.depth ≤ d_plus)
    (h10 : divide.depth ≤ d_div) :
    let c := chain projMul [projSum, keys, scoreMul, scoreSum, scale, expo, valMul, valSum, divide]
    c.WellFormed ∧ c.depth ≤ layerDepth d_mul d_plus d_exp d_div := by
  have ⟨hwf, hle⟩ := chain_wellFormed_depth _ _ h₀ hl
  refine ⟨hwf, ?_⟩
  simp only [List.map_cons, List.map_nil, List.sum_cons, List.sum_nil] at hle
  simp only [layerDepth]
  omega

theorem rope_layer_depth (d_mul d_plus d_exp d_div d_triag : Nat)
    (projMul projSum trig rotMul rotSum keys scoreMul scoreSum scale expo valMul valSum divide : Circuit)
    (h₀ : projMul.WellFormed)
    (hl : Linked projMul.outputs.length
      [projSum, trig, rotMul, rotSum, keys, scoreMul, scoreSum, scale, expo, valMul, valSum, divide])
    (h1 : projMul.depth ≤ d_mul) (h2 : projSum.depth ≤ d_plus) (ht : trig.depth ≤ d_triag)
    (hr1 : rotMul.depth ≤ d_mul) (hr2 : rotSum.depth ≤ d_plus) (h3 : keys.depth ≤ d_mul)
    (h4 : scoreMul.depth ≤ d_mul) (h5 : scoreSum.depth ≤ d_plus) (h6 : scale.depth ≤ d_mul)
    (h7 : expo.depth ≤ d_exp) (h8 : valMul.depth ≤ d_mul) (h9 : valSum.depth ≤ d_plus)
    (h10 : divide.depth ≤ d_div) :
    let c := chain projMul [projSum, trig, rotMul, rotSum, keys, scoreMul, scoreSum, scale, expo, valMul, valSum, divide]
    c.WellFormed ∧ c.depth ≤ ropeLayerDepth d_mul d_plus d_exp d_div d_triag := by
  have ⟨hwf, hle⟩ := chain_wellFormed_depth _ _ h₀ hl
  refine ⟨hwf, ?_⟩
  simp only [List.map_cons, List.map_nil, List.sum_cons, List.sum_nil] at hle
  simp only [ropeLayerDepth, layerDepth]
  omega

/-- The paper's form: one constant `d_std` bounds multiplication and division. -/
theorem layerDepth_std (d_std d_plus d_exp : Nat) :
    layerDepth d_std d_plus d_exp d_std = 6 * d_std + 3 * d_plus + d_exp := by
  simp only [layerDepth]; omega

theorem ropeLayerDepth_std (d_std d_plus d_exp d_triag : Nat) :
    ropeLayerDepth d_std d_plus d_exp d_std d_triag = 7 * d_std + 4 * d_plus + d_exp + d_triag := by
  simp only [ropeLayerDepth, layerDepth]; omega

/-- Attention and feed-forward circuits, alternating. -/
def interleave : List (Circuit × Circuit) → List Circuit
  | [] => []
  | (a, g) :: bs => a :: g :: interleave bs

theorem interleave_depth_le (A G : Nat) :
    ∀ bs : List (Circuit × Circuit), (∀ b ∈ bs, b.1.depth ≤ A ∧ b.2.depth ≤ G) →
      ((interleave bs).map Circuit.depth).sum ≤ bs.length * (A + G) := by
  intro bs
  induction bs with
  | nil => intro _; simp [interleave]
  | cons b bs ih =>
    intro h
    have hb := h b (List.mem_cons_self ..)
    have hrest := ih (fun x hx => h x (List.mem_cons_of_mem _ hx))
    obtain ⟨a, g⟩ := b
    simp only [interleave, List.map_cons, List.sum_cons, List.length_cons, Nat.succ_mul] at hb ⊢
    omega

/-- The m-layer transformer `g_m ∘ Attn_m ∘ ... ∘ g_1 ∘ Attn_1 ∘ g_0` (L-T6). -/
theorem transformer_depth (d_attn d_g : Nat) (g₀ : Circuit) (blocks : List (Circuit × Circuit))
    (h₀ : g₀.WellFormed) (hl : Linked g₀.outputs.length (interleave blocks))
    (hg₀ : g₀.depth ≤ d_g) (hb : ∀ b ∈ blocks, b.1.depth ≤ d_attn ∧ b.2.depth ≤ d_g) :
    let c := chain g₀ (interleave blocks)
    c.WellFormed ∧ c.depth ≤ (blocks.length + 1) * d_g + blocks.length * d_attn := by
  have ⟨hwf, hle⟩ := chain_wellFormed_depth _ _ h₀ hl
  have hsum := interleave_depth_le d_attn d_g blocks hb
  refine ⟨hwf, ?_⟩
  simp only [Nat.succ_mul, Nat.mul_add] at hsum ⊢
  omega

/-- The feed-forward part of one block of `ta.transformer`: `LN(X + TA(X))` needs a residual
addition and a LayerNorm after the attention; `LN(H + MLP(H))` an MLP (multiply, sum, ReLU,
multiply, sum), a residual addition and a LayerNorm (mean: sum and scale; centre; square;
variance: sum and scale; sqrt; divide; select zeros for a constant row, the workbench's choice
where the paper divides 0 by 0). -/
def layerNormDepth (d_std d_plus d_sqrt : Nat) : Nat := 6 * d_std + 2 * d_plus + d_sqrt
def mlpDepth (d_std d_plus : Nat) : Nat := 3 * d_std + 2 * d_plus
def feedForwardDepth (d_std d_plus d_sqrt : Nat) : Nat :=
  2 * d_std + 2 * layerNormDepth d_std d_plus d_sqrt + mlpDepth d_std d_plus

/-- The paper's theorem in numbers: m layers of tensor attention with LayerNorm and MLP. -/
theorem ta_transformer_depth (m d_std d_plus d_exp d_sqrt : Nat) (g₀ : Circuit)
    (blocks : List (Circuit × Circuit)) (hm : blocks.length = m)
    (h₀ : g₀.WellFormed) (hl : Linked g₀.outputs.length (interleave blocks))
    (hg₀ : g₀.depth ≤ feedForwardDepth d_std d_plus d_sqrt)
    (hb : ∀ b ∈ blocks, b.1.depth ≤ layerDepth d_std d_plus d_exp d_std ∧
      b.2.depth ≤ feedForwardDepth d_std d_plus d_sqrt) :
    (chain g₀ (interleave blocks)).depth ≤
      (m + 1) * (17 * d_std + 6 * d_plus + 2 * d_sqrt) + m * (6 * d_std + 3 * d_plus + d_exp) := by
  have ⟨_, hle⟩ := transformer_depth _ _ g₀ blocks h₀ hl hg₀ hb
  have hff : feedForwardDepth d_std d_plus d_sqrt = 17 * d_std + 6 * d_plus + 2 * d_sqrt := by
    simp only [feedForwardDepth, layerNormDepth, mlpDepth]; omega
  rw [hff, layerDepth_std, hm] at hle
  exact hle

theorem rope_transformer_depth (m d_std d_plus d_exp d_sqrt d_triag : Nat) (g₀ : Circuit)
    (blocks : List (Circuit × Circuit)) (hm : blocks.length = m)
    (h₀ : g₀.WellFormed) (hl : Linked g₀.outputs.length (interleave blocks))
    (hg₀ : g₀.depth ≤ feedForwardDepth d_std d_plus d_sqrt)
    (hb : ∀ b ∈ blocks, b.1.depth ≤ ropeLayerDepth d_std d_plus d_exp d_std d_triag ∧
      b.2.depth ≤ feedForwardDepth d_std d_plus d_sqrt) :
    (chain g₀ (interleave blocks)).depth ≤
      (m + 1) * (17 * d_std + 6 * d_plus + 2 * d_sqrt) + m * (7 * d_std + 4 * d_plus + d_exp + d_triag) := by
  have ⟨_, hle⟩ := transformer_depth _ _ g₀ blocks h₀ hl hg₀ hb
  have hff : feedForwardDepth d_std d_plus d_sqrt = 17 * d_std + 6 * d_plus + 2 * d_sqrt := by
    simp only [feedForwardDepth, layerNormDepth, mlpDepth]; omega
  rw [hff, ropeLayerDepth_std, hm] at hle
  exact hle

end TC0
