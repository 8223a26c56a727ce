#ifndef GAMEDAY_CLIBYAML_SHIM_H
#define GAMEDAY_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
