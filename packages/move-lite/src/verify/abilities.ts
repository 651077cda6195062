import { Ability, ALL_ABILITIES, type CompiledUnit, type SignatureToken } from '../binary/types.js';

/** Abilities every primitive has (file_format.rs `AbilitySet::PRIMITIVES`); signer has only drop. */
const PRIMITIVES = Ability.Copy | Ability.Drop | Ability.Store;
const REFERENCES = Ability.Copy | Ability.Drop;

/**
 * The abilities of a type (file_format.rs `AbilitySet::polymorphic_abilities`): a struct instance
 * keeps a declared ability only if every non-phantom argument has it (key needs store).
 */
export function abilitiesOf(unit: CompiledUnit, t: SignatureToken, typeParams: readonly number[]): number {
  switch (t.kind) {
    case 'signer':
      return Ability.Drop;
    case 'ref':
    case 'mutref':
      return REFERENCES;
    case 'tparam':
      return typeParams[t.index] ?? 0;
    case 'vector':
      return abilitiesOf(unit, t.elem, typeParams) & PRIMITIVES;
    case 'struct':
      return unit.structHandles[t.handle]?.abilities ?? 0;
    case 'structInst': {
      const handle = unit.structHandles[t.handle];
      if (!handle) return 0;
      let abilities = handle.abilities;
      t.args.forEach((arg, i) => {
        if (handle.typeParameters[i]?.isPhantom) return;
        const a = abilitiesOf(unit, arg, typeParams);
        // A declared ability survives only if the argument has the "required" ability for it.
        if (!(a & Ability.Copy)) abilities &= ~Ability.Copy;
        if (!(a & Ability.Drop)) abilities &= ~Ability.Drop;
        if (!(a & Ability.Store)) abilities &= ~(Ability.Store | Ability.Key);
      });
      return abilities & ALL_ABILITIES;
    }
    default:
      return PRIMITIVES;
  }
}

export const has = (abilities: number, ability: number): boolean => (abilities & ability) === ability;
