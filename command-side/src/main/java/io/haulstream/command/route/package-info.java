/** The route aggregate: a path through a territory, driven on a service day, with ordered stops. */
package io.haulstream.command.route;
