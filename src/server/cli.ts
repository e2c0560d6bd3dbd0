#!/usr/bin/env node
console.log('pacsync-server');
