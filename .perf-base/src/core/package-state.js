// The package state of a machine (SPEC §4, seed `package_states.state_data`). The shape is the
// seed's, plus fields the product needs: install `reason` (removal policy), `provides` and
// `arch` (consistency checks, archive downloads). Extra fields are optional so that states
// written by older agents still read.
export {};
//# sourceMappingURL=package-state.js.map