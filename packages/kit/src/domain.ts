// The pure part of the kit, for services' domain code (ADR 0017): coded errors and ids.
// Nothing here does I/O or loads a framework; the layer rules allow domain code only this entry.
export * from './errors.ts';
export * from './ids.ts';
