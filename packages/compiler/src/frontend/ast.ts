/** Typed accessors over solc AST nodes (`SolNode` fields are `unknown` until read through these). */
import type { SolNode } from './solc.js';

export function child(node: SolNode, field: string): SolNode {
  const value = node[field];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`solc AST: ${node.nodeType}#${node.id} has no node field ${field}`);
  }
  return value as SolNode;
}

export function optionalChild(node: SolNode, field: string): SolNode | null {
  const value = node[field];
  return value === null || value === undefined ? null : (value as SolNode);
}

export function children(node: SolNode, field: string): SolNode[] {
  const value = node[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`solc AST: ${node.nodeType}#${node.id}.${field} is not a list`);
  return value as SolNode[];
}

/** Lists that may hold nulls (tuple components, declarations of `(, uint b) = …`). */
export function sparseChildren(node: SolNode, field: string): (SolNode | null)[] {
  const value = node[field];
  return Array.isArray(value) ? (value as (SolNode | null)[]) : [];
}

export function text(node: SolNode, field: string): string {
  const value = node[field];
  if (typeof value !== 'string')
    throw new Error(`solc AST: ${node.nodeType}#${node.id}.${field} is not a string`);
  return value;
}

export function optionalText(node: SolNode, field: string): string | null {
  const value = node[field];
  return typeof value === 'string' ? value : null;
}

export function flag(node: SolNode, field: string): boolean {
  return node[field] === true;
}

export function num(node: SolNode, field: string): number {
  const value = node[field];
  if (typeof value !== 'number')
    throw new Error(`solc AST: ${node.nodeType}#${node.id}.${field} is not a number`);
  return value;
}

export function typeIdentifier(node: SolNode): string {
  const descriptions = node.typeDescriptions as { typeIdentifier?: string } | undefined;
  return descriptions?.typeIdentifier ?? '';
}

export function typeString(node: SolNode): string {
  const descriptions = node.typeDescriptions as { typeString?: string } | undefined;
  return descriptions?.typeString ?? '';
}
