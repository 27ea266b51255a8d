#!/bin/bash
# The base image's entry point, as in the interop runner's endpoint base: set up the routes, let a client wait
# for the simulator, then hand over to a shell. An implementation's image replaces this file with its own.
/setup.sh
if [ "$ROLE" == "client" ]; then
    /wait-for-it.sh sim:57832 -s -t 30
fi
/bin/bash
